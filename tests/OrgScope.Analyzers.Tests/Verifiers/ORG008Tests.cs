using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Verifiers;

/// <summary>ORG008: configuration OrgScope cannot read is ignored and reported where it is, never guessed at.</summary>
public class ORG008Tests
{
    private static readonly string Source = TestSources.Method("""return connection.Query<int>("SELECT * FROM {|#0:employees|}");""");

    [Fact]
    public async Task A_broken_list_line_is_reported_on_that_line_and_the_other_lines_still_count()
    {
        var test = ConfigurationTests.NewTest(Source);
        test.TestState.AdditionalFiles.Add(("/src/App/orgscope.tables", "# scan\nemployees:ClientId\n  users(id, :ClientId   # why\n"));
        test.ExpectedDiagnostics.Add(Diagnostic("ORG001").WithLocation(0));
        test.ExpectedDiagnostics.Add(DiagnosticWithMessage("ORG008")
            .WithSpan("/src/App/orgscope.tables", 3, 3, 3, 22)
            .WithArguments("line 3 of the table list: users(id, :ClientId: expected a key column inside '(...)', found ':'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Broken_editorconfig_values_are_reported_once_without_a_location()
    {
        var test = ConfigurationTests.NewTest(Source + "\npublic class Other { }\n");
        test.TestState.Sources.Add(("/0/Second.cs", "public class Second { }"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            orgscope.scoped_tables = employees, users(id
            orgscope.organization_column = Client Id
            orgscope.trust_lookup_joins = yes
            """));
        test.ExpectedDiagnostics.Add(Diagnostic("ORG001").WithLocation(0));
        test.ExpectedDiagnostics.Add(DiagnosticWithMessage("ORG008").WithArguments("orgscope.scoped_tables entry 'users(id': expected ',' or ')' after the key column 'id'"));
        test.ExpectedDiagnostics.Add(DiagnosticWithMessage("ORG008").WithArguments("orgscope.organization_column = 'Client Id': unexpected 'Id' after the column name"));
        test.ExpectedDiagnostics.Add(DiagnosticWithMessage("ORG008").WithArguments("orgscope.trust_lookup_joins = 'yes': expected true or false (lookup joins stay untrusted)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Valid_configuration_reports_nothing()
    {
        var test = ConfigurationTests.NewTest(TestSources.Method("""return connection.Query<int>("SELECT * FROM employees WHERE ClientId IN (0, @org)", new { org });"""));
        test.TestState.AdditionalFiles.Add(("/src/App/orgscope.tables", "# nothing but a comment\n\nemployees(Id)\n"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            orgscope.scoped_tables = users(id):ClientId, `billing`.payments
            orgscope.organization_column = ClientId
            orgscope.shared_organization_ids = 0, NULL
            orgscope.trust_lookup_joins = True
            """));
        await test.RunAsync();
    }
}
