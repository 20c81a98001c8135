using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Verifiers;

/// <summary>
/// The settings that fit real teams, through Roslyn: orgscope.organization_column, orgscope.tables list files,
/// orgscope.shared_organization_ids and orgscope.trust_lookup_joins (with keys from entities and from the generator's attribute).
/// </summary>
public class ConfigurationTests
{
    private static string Query(string sql) =>
        TestSources.Method("return connection.Query<int>(@\"" + sql + "\", new { org, id });");

    [Fact]
    public async Task Organization_column_is_the_default_of_listed_tables_only()
    {
        await VerifyAsync(
            Query("SELECT * FROM {|#0:employees|} e JOIN {|#1:payroll|} p ON p.id = e.id JOIN {|#2:tasks|} t ON t.id = e.id WHERE e.organization_id = @org AND p.ClientId = @org AND t.ClientId = @org"),
            "orgscope.scoped_tables = employees, payroll:TenantId\norgscope.organization_column = ClientId\n",
            DiagnosticWithMessage("ORG001").WithLocation(0).WithArguments("employees e", "e", "ClientId"),
            DiagnosticWithMessage("ORG001").WithLocation(1).WithArguments("payroll p", "p", "TenantId"),
            DiagnosticWithMessage("ORG001").WithLocation(2).WithArguments("tasks t", "t", "organization_id"));
    }

    [Fact]
    public async Task Organization_column_pins_listed_tables()
    {
        await VerifyAsync(
            Query("SELECT * FROM employees e JOIN tasks t ON t.id = e.id WHERE e.ClientId = @org AND t.organization_id = @org"),
            "orgscope.scoped_tables = employees\norgscope.organization_column = `ClientId`\n");
    }

    [Fact]
    public async Task A_list_file_named_orgscope_tables_is_read()
    {
        var test = NewTest(Query("SELECT * FROM {|#0:employees|} e JOIN departments d ON d.ClientId = @org WHERE e.ClientId = @org; SELECT * FROM {|#1:payroll_runs|}"));
        test.TestState.AdditionalFiles.Add(("/src/App/orgscope.tables", """
            # orgscope scan: hr, column ClientId
            departments(Id):ClientId
            employees
            payroll_runs(RunId)   # no column: the default
            """));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\norgscope.organization_column = TenantId\n"));
        test.ExpectedDiagnostics.Add(DiagnosticWithMessage("ORG001").WithLocation(0).WithArguments("employees e", "e", "TenantId"));
        test.ExpectedDiagnostics.Add(DiagnosticWithMessage("ORG001").WithLocation(1).WithArguments("payroll_runs", "payroll_runs", "TenantId"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_list_file_with_another_name_is_read_when_marked_by_item_metadata()
    {
        var test = NewTest(Query("SELECT * FROM {|#0:employees|}"));
        test.TestState.AdditionalFiles.Add(("/src/App/db/hr-tables.txt", "employees:ClientId\n"));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n\n[/src/App/db/hr-tables.txt]\nbuild_metadata.AdditionalFiles.OrgScopeTables = true\n"));
        test.ExpectedDiagnostics.Add(DiagnosticWithMessage("ORG001").WithLocation(0).WithArguments("employees", "employees", "ClientId"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Other_additional_files_are_not_table_lists()
    {
        var test = NewTest(Query("SELECT * FROM employees"));
        test.TestState.AdditionalFiles.Add(("/src/App/tables.txt", "employees:ClientId\n"));
        test.TestState.AdditionalFiles.Add(("/src/App/orgscope.tables.bak", "employees:ClientId\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_table_may_name_its_organization_by_several_columns()
    {
        // mojoPortal: mp_Users carries SiteID and SiteGuid; statements pin either.
        await VerifyAsync(
            Query("SELECT u.UserGuid FROM mp_Users u WHERE u.SiteGuid = @org; SELECT * FROM {|#0:mp_Users|} u WHERE u.UserID = @id"),
            "orgscope.scoped_tables = mp_users(UserID):SiteID|SiteGuid\n",
            DiagnosticWithMessage("ORG001").WithLocation(0).WithArguments("mp_Users u", "u", "SiteID"));
        await VerifyAsync(
            Query("SELECT * FROM mp_Pages p WHERE p.SiteGuid = @org"),
            "orgscope.scoped_tables = mp_pages\norgscope.organization_column = SiteID|SiteGuid\n");
    }

    [Fact]
    public async Task Shared_ids_pin_reads_and_are_ORG003_in_writes()
    {
        var source = TestSources.Method("""
            connection.Query<int>("SELECT * FROM tasks WHERE organization_id IN (0, @org)", new { org });
            connection.Query<int>("SELECT * FROM tasks t WHERE (t.organization_id = 0 OR t.organization_id = @org) AND t.id = @id", new { org, id });
            connection.Execute("UPDATE {|#0:tasks|} SET title = @title WHERE organization_id IN (0, @org)", new { org, title });
            return connection.Query<int>("SELECT * FROM {|#1:tasks|} WHERE organization_id IN (0, 7, @org)", new { org });
            """);
        await VerifyAsync(
            source,
            "orgscope.shared_organization_ids = 0\n",
            DiagnosticWithMessage("ORG003").WithLocation(0).WithArguments("tasks", "organization_id", "it admits the shared organization ids (0), so this UPDATE or DELETE changes rows every organization sees"),
            DiagnosticWithMessage("ORG003").WithLocation(1).WithArguments("tasks", "organization_id", "it compares with a literal"));
    }

    [Fact]
    public async Task Without_shared_ids_the_same_filter_is_ORG003()
    {
        await VerifyAsync(
            Query("SELECT * FROM {|#0:tasks|} WHERE organization_id IN (0, @org)"),
            DiagnosticWithMessage("ORG003").WithLocation(0).WithArguments("tasks", "organization_id", "it compares with a literal"));
    }

    private const string KeyedEntities = """

        namespace Keyed
        {
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;

            [OrgScope.OrgScoped] public class Ticket { public long Id { get; set; } public long AgentId { get; set; } }
            [OrgScope.OrgScoped] public class Agent { [Key, Column("agent_no")] public long Number { get; set; } }
            [OrgScope.OrgScoped] public class Note { public string Text { get; set; } = ""; }
            [OrgScope.OrgScoped, Table("ticket_tags")] public class TicketTag
            {
                [Key, Column(Order = 2)] public long TagId { get; set; }
                [Key, Column(Order = 1)] public long TicketId { get; set; }
            }
        }
        """;

    [Fact]
    public async Task Trusted_lookup_joins_use_entity_keys()
    {
        var source = TestSources.Method("""
            connection.Query<int>("SELECT * FROM tickets t LEFT JOIN agents a ON a.agent_no = t.agent_id WHERE t.organization_id = @org", new { org });
            connection.Query<int>("SELECT * FROM tickets t JOIN ticket_tags tt ON tt.ticket_id = t.id AND tt.tag_id = t.primary_tag WHERE t.organization_id = @org", new { org });
            connection.Query<int>("SELECT * FROM tickets t LEFT JOIN {|#0:agents|} a ON a.id = t.agent_id WHERE t.organization_id = @org", new { org });
            connection.Query<int>("SELECT * FROM tickets t JOIN {|#1:ticket_tags|} tt ON tt.tag_id = t.primary_tag WHERE t.organization_id = @org", new { org });
            return connection.Query<int>("SELECT * FROM tickets t JOIN {|#2:notes|} n ON n.id = t.note_id WHERE t.organization_id = @org", new { org });
            """) + KeyedEntities;
        await VerifyAsync(
            source,
            "orgscope.trust_lookup_joins = true\n",
            Diagnostic("ORG001").WithLocation(0),
            Diagnostic("ORG001").WithLocation(1),
            Diagnostic("ORG001").WithLocation(2));
    }

    [Fact]
    public async Task Lookup_joins_are_not_trusted_by_default()
    {
        var source = TestSources.Method("""
            return connection.Query<int>("SELECT * FROM tickets t LEFT JOIN {|#0:agents|} a ON a.agent_no = t.agent_id WHERE t.organization_id = @org", new { org });
            """) + KeyedEntities;
        await VerifyAsync(source, Diagnostic("ORG001").WithLocation(0));
        await VerifyAsync(source, "orgscope.trust_lookup_joins = false\n", Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Trusted_lookup_joins_use_configured_keys()
    {
        await VerifyAsync(
            Query("SELECT * FROM employees e LEFT JOIN departments d ON d.Id = e.DepartmentId LEFT JOIN {|#0:teams|} tm ON tm.Id = e.TeamId WHERE e.ClientId = @org"),
            "orgscope.scoped_tables = employees(Id), departments(Id), teams\norgscope.organization_column = ClientId\norgscope.trust_lookup_joins = true\n",
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Keys_come_from_a_referenced_assembly_attribute_and_an_attribute_without_keys_is_read_as_before()
    {
        var newer = Reference("Newer", """[assembly: OrgScope.OrgScopedTables("ledgers:org_id", "entries:org_id", Keys = new[] { "ledgers(ledger_id)", "entries(id)" })]""");
        var older = Reference("Older", """[assembly: OrgScope.OrgScopedTables("accounts:org_id")]""");
        var test = NewTest("""
            public class Repository
            {
                public object Run(MySqlConnector.MySqlConnection c, long org)
                {
                    Dapper.SqlMapper.Query<int>(c, "SELECT * FROM entries e JOIN ledgers l ON l.ledger_id = e.ledger_id WHERE e.org_id = @org", new { org });
                    Dapper.SqlMapper.Query<int>(c, "SELECT * FROM entries e JOIN {|#0:accounts|} a ON a.id = e.account_id WHERE e.org_id = @org", new { org });
                    return Dapper.SqlMapper.Query<int>(c, "SELECT * FROM {|#1:ledgers|}");
                }
            }
            """);
        test.TestState.AdditionalReferences.Add(newer);
        test.TestState.AdditionalReferences.Add(older);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\norgscope.trust_lookup_joins = true\n"));
        test.ExpectedDiagnostics.Add(DiagnosticWithMessage("ORG001").WithLocation(0).WithArguments("accounts a", "a", "org_id"));
        test.ExpectedDiagnostics.Add(DiagnosticWithMessage("ORG001").WithLocation(1).WithArguments("ledgers", "ledgers", "org_id"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Tables_come_from_a_referenced_assembly_that_declares_the_attribute_itself()
    {
        // Referenced assemblies are read only when they can carry the attribute (they reference OrgScope.Abstractions
        // or declare it): this one declares its own and references nothing of OrgScope.
        var selfDeclared = Reference("SelfDeclared", """
            [assembly: OrgScope.OrgScopedTables("invoices:org_id")]
            namespace OrgScope
            {
                [System.AttributeUsage(System.AttributeTargets.Assembly, AllowMultiple = true)]
                internal sealed class OrgScopedTablesAttribute : System.Attribute
                {
                    public OrgScopedTablesAttribute(params string[] tables) { }
                }
            }
            """);
        var test = NewTest("""
            public class Repository
            {
                public object Run(MySqlConnector.MySqlConnection c, long org)
                {
                    Dapper.SqlMapper.Query<int>(c, "SELECT * FROM invoices WHERE org_id = @org", new { org });
                    return Dapper.SqlMapper.Query<int>(c, "SELECT * FROM {|#0:invoices|}");
                }
            }
            """);
        test.TestState.AdditionalReferences.Add(selfDeclared);
        test.ExpectedDiagnostics.Add(DiagnosticWithMessage("ORG001").WithLocation(0).WithArguments("invoices", "invoices", "org_id"));
        await test.RunAsync();
    }

    internal static Test NewTest(string source) => new() { TestCode = source };

    /// <summary>A compiled assembly carrying <paramref name="attribute"/>, as a project built by the OrgScope generator would.</summary>
    private static MetadataReference Reference(string name, string attribute)
    {
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(attribute)],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
