using Microsoft.CodeAnalysis;
using OrgScope.Analyzers.Analyzers;
using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Verifiers;

/// <summary>ORG007 (info, off by default): one audit record per checked SQL site, on the SQL argument, with how each scoped table is pinned.</summary>
public class ORG007Tests
{
    [Fact]
    public async Task Off_by_default_and_on_when_its_severity_is_set()
    {
        var source = TestSources.Method("""return connection.Query<int>("SELECT * FROM tasks WHERE organization_id = @org", new { org });""");
        Assert.DoesNotContain(await DirectRun.DiagnosticsAsync(source, null), d => d.Id == "ORG007");
        Assert.Single(await DirectRun.DiagnosticsAsync(source, null, "ORG007"), d => d.Id == "ORG007");
        Assert.False(Descriptor.IsEnabledByDefault);
        Assert.Equal(DiagnosticSeverity.Info, Descriptor.DefaultSeverity);
    }

    [Fact]
    public async Task One_record_per_site_says_what_was_verified()
    {
        var source = TestSources.Method("""
            connection.Query<int>({|#0:"SELECT * FROM tasks t JOIN users u ON u.organization_id = t.organization_id WHERE t.organization_id = @org"|}, new { org });
            connection.Query<int>({|#1:"SELECT * FROM organizations WHERE id = @id; SELECT 1"|}, new { id });
            connection.Execute({|#2:"INSERT INTO tasks (title, organization_id) VALUES (@title, @org)"|}, new { title, org });
            return connection.Query<int>({|#3:"SELECT * FROM {|#4:rewards|} r"|});
            """);
        await VerifyAudit(
            source,
            null,
            Record(0, "Query", "1 statement; tasks t pinned, users u pinned", "1", "0", "2", "0", "", "tasks t=pinned; users u=pinned"),
            Record(1, "Query", "2 statements, no org-scoped table", "2", "0", "0", "0", "", ""),
            Record(2, "Execute", "1 statement; INSERT tasks sets the organization column", "1", "0", "1", "0", "", "INSERT tasks=pinned"),
            Record(3, "Query", "1 statement; rewards r not pinned", "1", "0", "1", "1", "", "rewards r=unpinned"),
            Diagnostic("ORG001").WithLocation(4));
    }

    [Fact]
    public async Task The_record_names_the_trust_a_pin_relies_on()
    {
        var source = TestSources.Method("""
            connection.Query<int>({|#0:"SELECT * FROM tasks t LEFT JOIN users u ON u.id = t.assigned_to WHERE t.organization_id IN (0, @org)"|}, new { org });
            return connection.Query<int>({|#1:"SELECT * FROM users WHERE organization_id = 0 OR organization_id = @org"|}, new { org });
            """);
        await VerifyAudit(
            source,
            "orgscope.scoped_tables = tasks(id), users(id)\norgscope.shared_organization_ids = 0\norgscope.trust_lookup_joins = true\n",
            Record(0, "Query", "1 statement; tasks t pinned (admits the shared organization ids), users u pinned by a trusted lookup join (admits the shared organization ids)",
                "1", "0", "2", "0", "shared-ids,lookup-join", "tasks t=shared-ids; users u=shared-ids,lookup-join"),
            Record(1, "Query", "1 statement; users pinned (admits the shared organization ids)", "1", "0", "1", "0", "shared-ids", "users=shared-ids"));
    }

    [Fact]
    public async Task Every_alternative_counts_and_a_partly_parsed_site_says_so()
    {
        var source = TestSources.Method("""
            connection.Query<int>({|#0:flag ? "SELECT * FROM tasks WHERE organization_id = @org" : "SELECT * FROM {|#1:tasks|} WHERE id = @id"|}, new { org, id });
            return connection.Query<int>({|#2:"SELECT * FROM tasks WHERE organization_id = @org; SELECT FROM WHERE"|}, new { org });
            """);
        await VerifyAudit(
            source,
            null,
            Record(0, "Query", "1 statement; tasks not pinned", "1", "0", "1", "1", "", "tasks=unpinned"),
            Diagnostic("ORG001").WithLocation(1),
            Diagnostic("ORG005").WithLocation(2),
            Record(2, "Query", "1 statement (1 not checked); tasks pinned", "1", "1", "1", "0", "", "tasks=pinned"));
    }

    [Fact]
    public async Task An_unresolved_site_has_no_record_but_ORG005()
    {
        var source = TestSources.Method("""return connection.Query<int>({|#0:title.Trim()|});""");
        var test = ConfigurationTests.NewTest(source);
        test.DisabledDiagnostics.Clear();
        test.ExpectedDiagnostics.Add(DiagnosticWithMessage("ORG005").WithLocation(0).WithArguments("Query", "could not be resolved to text"));
        await test.RunAsync();
    }

    private static DiagnosticDescriptor Descriptor => new OrgScopeAnalyzer().SupportedDiagnostics.Single(d => d.Id == "ORG007");

    private static AuditExpectation Record(
        int location, string sink, string summary, string statements, string notChecked, string scoped, string unpinned, string trust, string tables) =>
        new(DiagnosticWithMessage("ORG007").WithLocation(location).WithArguments(sink, summary), new Dictionary<string, string?>
        {
            [AuditRecord.Statements] = statements,
            [AuditRecord.Unchecked] = notChecked,
            [AuditRecord.ScopedTables] = scoped,
            [AuditRecord.Unpinned] = unpinned,
            [AuditRecord.Trust] = trust,
            [AuditRecord.Tables] = tables,
        });

    /// <summary>Locations and messages through the testing framework; the properties (what SARIF carries) by running the analyzer directly.</summary>
    private static async Task VerifyAudit(string source, string? editorConfig, params object[] expected)
    {
        var test = ConfigurationTests.NewTest(source);
        test.DisabledDiagnostics.Remove("ORG007");
        if (editorConfig != null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected.Select(e => e is AuditExpectation a ? a.Result : (Microsoft.CodeAnalysis.Testing.DiagnosticResult)e));
        await test.RunAsync();

        var records = (await DirectRun.DiagnosticsAsync(Markup.Parse(source).Text, editorConfig, "ORG007")).Where(d => d.Id == "ORG007");
        Assert.Equal(
            expected.OfType<AuditExpectation>().Select(e => Format(e.Properties)),
            records.OrderBy(d => d.Location.SourceSpan.Start).Select(d => Format(d.Properties)));
    }

    private static string Format(IEnumerable<KeyValuePair<string, string?>> properties) =>
        string.Join(" | ", properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    private sealed record AuditExpectation(Microsoft.CodeAnalysis.Testing.DiagnosticResult Result, Dictionary<string, string?> Properties);
}
