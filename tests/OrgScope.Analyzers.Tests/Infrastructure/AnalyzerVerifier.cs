using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OrgScope.Analyzers.Analyzers;

namespace OrgScope.Analyzers.Tests.Infrastructure;

/// <summary>Runs <see cref="OrgScopeAnalyzer"/> over test source with <c>{|#0:...|}</c> markup.</summary>
internal static class AnalyzerVerifier
{
    /// <summary>An expected diagnostic checked by ID, severity and location (not message).</summary>
    public static DiagnosticResult Diagnostic(string id) =>
        new(id, id == "ORG005" || id == "ORG007" ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning);

    /// <summary>An expected diagnostic whose message is checked too (add WithArguments).</summary>
    public static DiagnosticResult DiagnosticWithMessage(string id) => CSharpAnalyzerVerifier<OrgScopeAnalyzer, DefaultVerifier>.Diagnostic(id);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, null, expected);

    public static Task VerifyAsync(string source, string? editorConfig, params DiagnosticResult[] expected) =>
        VerifyAsync(source, editorConfig, enableOrg005: false, expected);

    public static async Task VerifyAsync(string source, string? editorConfig, bool enableOrg005, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        if (!enableOrg005)
        {
            // Off by default in real builds; the test framework would otherwise report it everywhere.
            test.DisabledDiagnostics.Add("ORG005");
        }

        if (editorConfig != null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    public sealed class Test : CSharpAnalyzerTest<OrgScopeAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.All);

            // The audit record (one per checked site) is off in real builds; tests of it switch it back on.
            DisabledDiagnostics.Add("ORG007");
        }
    }
}
