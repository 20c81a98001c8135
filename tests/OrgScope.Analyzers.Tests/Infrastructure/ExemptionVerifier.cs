using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using OrgScope.Analyzers.Analyzers;
using OrgScope.Analyzers.Exemptions;

namespace OrgScope.Analyzers.Tests.Infrastructure;

/// <summary>
/// The analyzer, the ORG006 marker analyzer and the suppressor together, as a build runs them: an exempt finding is
/// expected with <c>.WithIsSuppressed(true)</c>, a finding that stays with <c>.WithIsSuppressed(false)</c>.
/// </summary>
internal static class ExemptionVerifier
{
    public static DiagnosticResult Exempt(string id) => AnalyzerVerifier.Diagnostic(id).WithIsSuppressed(true);

    public static DiagnosticResult Reported(string id) => AnalyzerVerifier.Diagnostic(id).WithIsSuppressed(false);

    public static async Task VerifyAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.DisabledDiagnostics.Add("ORG005");
        if (editorConfig != null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, null, expected);

    public sealed class Test : CSharpAnalyzerTest<OrgScopeAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.All);

            // The audit record (off in real builds) is tested on its own (ORG007Tests).
            DisabledDiagnostics.Add("ORG007");
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            [new OrgScopeAnalyzer(), new ExemptionMarkerAnalyzer(), new ExemptionSuppressor()];
    }
}
