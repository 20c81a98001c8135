using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OrgScope.Analyzers.Analyzers;

namespace OrgScope.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs the analyzer on one source without the testing framework, for what the framework does not compare:
/// a diagnostic's properties (what SARIF's customProperties carry). The .editorconfig lines apply to the source.
/// </summary>
internal static class DirectRun
{
    /// <param name="enable">Rules switched on as info (ORG007 is off by default).</param>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string source, string? editorConfig, params string[] enable)
    {
        var tree = CSharpSyntaxTree.ParseText(source, path: "/0/Test0.cs");
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithSpecificDiagnosticOptions(enable.Select(id => new KeyValuePair<string, ReportDiagnostic>(id, ReportDiagnostic.Info)));
        var compilation = CSharpCompilation.Create("Direct", [tree], TestReferences.All, options);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var provider = new Options(ParseEditorConfig(editorConfig));
        var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, provider);
        var diagnostics = await compilation
            .WithAnalyzers([new OrgScopeAnalyzer()], analyzerOptions)
            .GetAnalyzerDiagnosticsAsync();
        return diagnostics;
    }

    private static Dictionary<string, string> ParseEditorConfig(string? lines) =>
        (lines ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim());

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Values _values = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _values;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _values;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _values;
    }

    private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
