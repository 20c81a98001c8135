using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OrgScope.Analyzers.Exemptions;
using OrgScope.Analyzers.Tests.Infrastructure;

namespace OrgScope.Analyzers.Tests.Verifiers;

/// <summary>ORG006: a reviewed exception without a reason, or an <c>orgscope:</c> comment that is no known marker.</summary>
public class ORG006Tests
{
    [Theory]
    [InlineData("{|#0:// orgscope: cross-org|}")]
    [InlineData("{|#0:// ORGSCOPE:   Cross-Org  -  |}")]
    [InlineData("{|#0:/* orgscope: schema-probe */|}")]
    [InlineData("{|#0:// orgscope: crossorg the nightly job|}")]
    [InlineData("{|#0:// orgscope: because I said so|}")]
    [InlineData("{|#0:// orgscope:|}")]
    public async Task Must_warn_on_a_csharp_comment(string comment)
    {
        await VerifyAsync(Repository(comment, "SELECT 1"), null, Diagnostic().WithLocation(0));
    }

    [Theory]
    [InlineData("SELECT 1 {|#0:-- orgscope: cross-org|}")]
    [InlineData("SELECT 1 {|#0:/* orgscope: cross-org */|}")]
    [InlineData("SELECT 1 {|#0:# orgscope: schema-probe|}")]
    [InlineData("SELECT 1 {|#0:-- orgscope: cross org everyone|}")]
    public async Task Must_warn_on_a_sql_comment_inside_a_literal(string sql)
    {
        await VerifyAsync(Repository("", sql), null, Diagnostic().WithLocation(0));
    }

    [Fact]
    public async Task Must_warn_on_a_team_marker_without_a_reason()
    {
        await VerifyAsync(Repository("{|#0:// xtenant:|}", "SELECT 1 {|#1:-- xtenant:|}"), "orgscope.cross_org_markers = xtenant:",
            Diagnostic().WithLocation(0).WithArguments("xtenant:", "gives no reason, so it exempts nothing: write why the statement may do this after it"),
            Diagnostic().WithLocation(1));
    }

    [Theory]
    [InlineData("[AllowCrossOrg({|#0:\"\"|})]")]
    [InlineData("[AllowCrossOrg({|#0:\"  \"|})]")]
    [InlineData("[OrgScope.AllowCrossOrgAttribute({|#0:null|})]")]
    [InlineData("[AllowCrossOrg(reason: {|#0:Empty|})]")]
    public async Task Must_warn_on_an_attribute_without_a_reason(string attribute)
    {
        await VerifyAsync(Repository("", "SELECT 1", attribute), null, Diagnostic().WithLocation(0));
    }

    [Theory]
    [InlineData("// orgscope: cross-org the nightly job")]
    [InlineData("/* orgscope: schema-probe the health check */")]
    [InlineData("// TODO: add orgscope: cross-org after the review")]
    [InlineData("/// <summary>orgscope: cross-org</summary>")]
    [InlineData("// xtenant:")]
    [InlineData("")]
    public async Task Must_not_warn_on_a_csharp_comment(string comment)
    {
        await VerifyAsync(Repository(comment, "SELECT 1"), null);
    }

    [Theory]
    [InlineData("SELECT 1 -- orgscope: cross-org nightly job")]
    [InlineData("SELECT 'orgscope: cross-org' AS x")]
    [InlineData("SELECT 1 -- see orgscope: cross-org")]
    public async Task Must_not_warn_on_sql(string sql)
    {
        await VerifyAsync(Repository("", sql), null);
    }

    [Fact]
    public async Task Must_not_warn_on_an_attribute_with_a_reason()
    {
        await VerifyAsync(Repository("", "SELECT 1", "[AllowCrossOrg(\"super-admin console\")]"), null);
    }

    [Fact]
    public async Task Message_says_what_is_missing()
    {
        await VerifyAsync(Repository("{|#0:// orgscope: cross-orgs everything|}", "SELECT 1"), null,
            Diagnostic().WithLocation(0).WithArguments(
                "orgscope: cross-orgs",
                "is not an OrgScope marker, so it exempts nothing: write 'orgscope: cross-org <reason>' or 'orgscope: schema-probe <reason>'"));
    }

    private static DiagnosticResult Diagnostic() => new("ORG006", DiagnosticSeverity.Warning);

    private static string Repository(string comment, string sql, string attribute = "") => $$"""
        using OrgScope;

        public class Repository
        {
            private const string Empty = "";

            {{attribute}}
            public string Run()
            {
                {{comment}}
                return @"{{sql}}";
            }
        }
        """;

    private static async Task VerifyAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<ExemptionMarkerAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestReferences.None,
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        if (editorConfig != null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
