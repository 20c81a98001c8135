using Microsoft.CodeAnalysis.Testing;
using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Verifiers;

/// <summary>ORG001: a query reads or changes an org-scoped table without an organization filter.</summary>
public class ORG001Tests
{
    [Theory]
    [MemberData(nameof(Org001Shapes.MustWarn), MemberType = typeof(Org001Shapes))]
    public async Task Shape_must_warn(string sql)
    {
        var expected = Enumerable.Range(0, Markup.CountLocations(sql)).Select(i => Diagnostic("ORG001").WithLocation(i)).ToArray();
        Assert.NotEmpty(expected);
        await VerifyAsync(TestSources.DapperQuery(sql), expected);
    }

    [Theory]
    [MemberData(nameof(Org001Shapes.MustNotWarn), MemberType = typeof(Org001Shapes))]
    public async Task Shape_must_not_warn(string sql)
    {
        await VerifyAsync(TestSources.DapperQuery(sql));
    }

    [Fact]
    public async Task Message_names_table_alias_and_column()
    {
        await VerifyAsync(
            TestSources.DapperQuery("SELECT t.* FROM {|#0:tasks|} t JOIN users u ON u.id = t.assigned_to WHERE u.organization_id = @org"),
            DiagnosticWithMessage("ORG001").WithLocation(0).WithArguments("tasks t", "t", "organization_id"));
    }

    [Fact]
    public async Task Allow_cross_org_on_method_suppresses()
    {
        await ExemptionVerifier.VerifyAsync(
            TestSources.Method(
                """return connection.Query<int>("SELECT * FROM {|#0:tasks|}");""",
                """    [{|#1:AllowCrossOrg("nightly job")|}]"""),
            ExemptionVerifier.Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Allow_cross_org_on_type_suppresses()
    {
        var source = """
            using Dapper;
            using MySqlConnector;

            [{|#1:OrgScope.AllowCrossOrg("super-admin")|}]
            public class AdminRepository
            {
                public object All(MySqlConnection connection) => connection.Query<int>("SELECT * FROM {|#0:tasks|}");
            }
            """ + TestSources.Entities;
        await ExemptionVerifier.VerifyAsync(source, ExemptionVerifier.Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Pragma_suppresses()
    {
        await VerifyAsync(TestSources.Method("""
            #pragma warning disable ORG001
                    return connection.Query<int>("SELECT * FROM tasks");
            #pragma warning restore ORG001
            """));
    }

    [Fact]
    public async Task Severity_from_editorconfig_silences()
    {
        await VerifyAsync(TestSources.Method("""return connection.Query<int>("SELECT * FROM tasks");"""), "dotnet_diagnostic.ORG001.severity = none\n");
    }

    [Fact]
    public async Task Scoped_tables_from_editorconfig()
    {
        await VerifyAsync(
            TestSources.Method("""return connection.Query<int>("SELECT * FROM {|#0:invoices|} WHERE id = @id", new { id });"""),
            "orgscope.scoped_tables = invoices, `billing`.payments:tenant_org\n",
            DiagnosticWithMessage("ORG001").WithLocation(0).WithArguments("invoices", "invoices", "organization_id"));
    }

    [Fact]
    public async Task Custom_column_from_editorconfig()
    {
        await VerifyAsync(
            TestSources.Method("""return connection.Query<int>("SELECT * FROM payments p WHERE p.tenant_org = @org; SELECT * FROM {|#0:payments|} WHERE organization_id = @org", new { org });"""),
            "orgscope.scoped_tables = payments:tenant_org\n",
            DiagnosticWithMessage("ORG001").WithLocation(0).WithArguments("payments", "payments", "tenant_org"));
    }

    [Fact]
    public async Task Scoped_tables_from_referenced_assembly_attribute()
    {
        var source = """
            [assembly: OrgScope.OrgScopedTables("ledger_entries:organization_id")]

            public class Repository
            {
                public object Run(MySqlConnector.MySqlConnection connection) =>
                    Dapper.SqlMapper.Query<int>(connection, "SELECT * FROM {|#0:ledger_entries|}");
            }
            """;
        await VerifyAsync(source, Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Interpolation_hole_is_a_value_on_the_right_hand_side()
    {
        await VerifyAsync(TestSources.Method("""return connection.Query<int>($"SELECT * FROM tasks WHERE organization_id = {org} AND id = {id}");"""));
    }

    [Fact]
    public async Task Interpolation_hole_is_never_the_pin_itself()
    {
        await VerifyAsync(
            TestSources.Method("""
                var filter = "organization_id = @org";
                return connection.Query<int>($"SELECT * FROM {|#0:tasks|} WHERE {filter.Trim()}");
                """),
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Ternary_checks_each_branch()
    {
        await VerifyAsync(
            TestSources.Method("""
                return connection.Query<int>(flag
                    ? "SELECT * FROM tasks WHERE organization_id = @org"
                    : "SELECT * FROM {|#0:rewards|}");
                """),
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Const_from_other_type_reports_on_the_argument()
    {
        var source = TestSources.Method("return connection.Query<int>({|#0:Queries.AllTasks|});") + """

            public static class Queries
            {
                public const string AllTasks = "SELECT * FROM " + "tasks";
            }
            """;
        await VerifyAsync(source, Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Local_assigned_in_method_with_conditional_append()
    {
        await VerifyAsync(
            TestSources.Method("""
                var sql = "SELECT * FROM {|#0:tasks|} t WHERE t.id = @id";
                if (flag)
                {
                    sql += " AND t.organization_id = @org";
                }

                return connection.Query<int>(sql, new { id, org });
                """),
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Local_with_unconditional_append_is_pinned()
    {
        await VerifyAsync(TestSources.Method("""
            var sql = "SELECT * FROM tasks t WHERE t.id = @id";
            sql += " AND t.organization_id = @org";
            if (flag)
            {
                sql += " AND t.title = @title";
            }

            return connection.Query<int>(sql, new { id, org, title });
            """));
    }

    [Fact]
    public async Task StringBuilder_appends_are_followed()
    {
        await VerifyAsync(
            TestSources.Method("""
                var sb = new StringBuilder("SELECT * FROM {|#0:tasks|} t");
                sb.Append(" WHERE t.id = @id");
                sb.AppendLine().Append(" AND t.title = @title");
                return connection.Query<int>(sb.ToString(), new { id, title });
                """),
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task String_format_with_constant_format()
    {
        await VerifyAsync(
            TestSources.Method("""return connection.Query<int>(string.Format("SELECT * FROM tasks WHERE id = {0} AND {1} = @org", id, "organization_id"));"""));
        await VerifyAsync(
            TestSources.Method("""return connection.Query<int>({|#0:string.Format("SELECT * FROM tasks WHERE id = {0}", id)|});"""),
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Command_definition_is_a_sink()
    {
        await VerifyAsync(
            TestSources.Method("""return connection.Query<int>(new CommandDefinition("SELECT * FROM {|#0:tasks|}", new { id }));"""),
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task MySqlCommand_constructor_and_CommandText_are_sinks()
    {
        await VerifyAsync(
            TestSources.Method("""
                using var command = new MySqlCommand("SELECT * FROM {|#0:tasks|}", connection);
                command.CommandText = "DELETE FROM {|#1:rewards|} WHERE id = @id";
                var other = new MySqlCommand { CommandText = "SELECT * FROM {|#2:users|}" };
                return command.ExecuteNonQuery();
                """),
            Diagnostic("ORG001").WithLocation(0),
            Diagnostic("ORG001").WithLocation(1),
            Diagnostic("ORG001").WithLocation(2));
    }

    [Fact]
    public async Task Sql_attribute_marks_a_helper_parameter()
    {
        var source = TestSources.Method("""return Helper.Run("SELECT * FROM {|#0:tasks|}");""") + """

            public static class Helper
            {
                public static object Run([OrgScope.Sql] string sql) => sql.Length;
            }
            """;
        await VerifyAsync(source, Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Ef_core_raw_sql_is_a_sink()
    {
        var source = """
            using Microsoft.EntityFrameworkCore;

            public class AppDb : DbContext
            {
                public int Purge(long id) => Database.ExecuteSqlRaw("DELETE FROM {|#0:tasks|} WHERE id = {0}", id);
            }
            """ + TestSources.Entities;
        await VerifyAsync(source, Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Squiggle_maps_through_escapes_and_raw_strings()
    {
        await VerifyAsync(
            TestSources.Method(""""
                connection.Execute("UPDATE \t{|#0:tasks|} SET title = \u0027x\u0027 WHERE id = @id", new { id });
                connection.Execute(@"SELECT ""x"" FROM organizations; DELETE FROM {|#1:rewards|}");
                return connection.Query<int>("""
                    SELECT *
                      FROM {|#2:users|}
                    """);
                """"),
            Diagnostic("ORG001").WithLocation(0),
            Diagnostic("ORG001").WithLocation(1),
            Diagnostic("ORG001").WithLocation(2));
    }
}
