using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.ExemptionVerifier;

namespace OrgScope.Analyzers.Tests.Exemptions;

/// <summary>
/// [AllowCrossOrg("reason")]: its findings are reported and suppressed (visible to an audit), no longer dropped
/// (ORG001Tests and ORG004Tests show the plain cases).
/// </summary>
public class AttributeExemptionTests
{
    [Fact]
    public async Task A_statement_marker_inside_attributed_code_wins()
    {
        await VerifyAsync(TestSources.Method(
            """
                    {|#2:// orgscope: cross-org the more specific reason|}
                    return connection.Query<int>("SELECT * FROM {|#0:tasks|} WHERE id = @id", new { id });
            """,
            """    [AllowCrossOrg("the method's reason")]"""),
            Exempt("ORG001").WithLocation(0).WithLocation(2));
    }

    [Fact]
    public async Task An_attribute_without_a_reason_exempts_nothing_and_is_ORG006()
    {
        await VerifyAsync(TestSources.Method(
            """        return connection.Query<int>("SELECT * FROM {|#0:tasks|} WHERE id = @id", new { id });""",
            """    [AllowCrossOrg({|#1:" "|})]"""),
            Reported("ORG001").WithLocation(0),
            Reported("ORG006").WithLocation(1));
    }

    [Fact]
    public async Task Unresolved_sql_under_a_marker_is_exempt_not_unchecked()
    {
        var test = new ExemptionVerifier.Test
        {
            TestCode = TestSources.Method("""
                    {|#1:// orgscope: cross-org the report's SQL comes from the operators' query library|}
                    return connection.Query<int>({|#0:title|});
            """),
        };
        test.ExpectedDiagnostics.Add(Exempt("ORG005").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithLocation(0).WithLocation(1));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.ORG005.severity = suggestion\n"));
        await test.RunAsync();
    }
}
