using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OrgScope.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="OrgScopeGenerator"/> with step tracking and exposes what it produced.</summary>
internal sealed class GeneratorRun
{
    private GeneratorRun(GeneratorDriver driver, Compilation output, ImmutableArray<Diagnostic> driverDiagnostics)
    {
        Driver = driver;
        OutputCompilation = output;
        DriverDiagnostics = driverDiagnostics;
        Result = driver.GetRunResult().Results.Single();
    }

    public GeneratorDriver Driver { get; }

    public GeneratorRunResult Result { get; }

    public Compilation OutputCompilation { get; }

    /// <summary>What the driver reports when a generator throws (CS8784 in Initialize, CS8785 while generating).</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

    /// <summary>The generator's own diagnostics, in location order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics
        .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
        .ThenBy(d => d.Location.SourceSpan.Start)
        .ThenBy(d => d.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    public string? Source(string hintName) =>
        Result.GeneratedSources.FirstOrDefault(s => s.HintName == hintName) is { SourceText: { } text } ? text.ToString() : null;

    public static GeneratorDriver CreateDriver(BuildProperties? properties = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new OrgScopeGenerator().AsSourceGenerator() },
            parseOptions: TestCompilation.ParseOptions,
            optionsProvider: properties,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(Compilation compilation, BuildProperties? properties = null) => Run(CreateDriver(properties), compilation);

    /// <summary>Runs an existing driver again (incremental), as the IDE does after an edit.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, output, diagnostics.Where(d => d.Id is "CS8784" or "CS8785" or "AD0001").ToImmutableArray());
    }

    /// <summary>Errors of the compilation with the generated sources (the generated C# must compile).</summary>
    public IEnumerable<Diagnostic> OutputErrors() =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
}
