using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OrgScope.Analyzers.Analyzers;

namespace OrgScope.AnalyzerBenchmarks;

/// <summary>
/// Runs analyzers over a generated project inside this process (no MSBuild, no compiler server), each alone on a fresh
/// compilation, and prints Roslyn's own per-analyzer execution time (GetAnalyzerTelemetryInfo). A second opinion beside
/// the build's ReportAnalyzer figures, and a process that dotnet-trace can attach to when looking for where time goes.
/// </summary>
internal static class InProcessProfile
{
    /// <param name="analyzers">"orgscope" (this build's analyzer) or "LABEL=path/to/Analyzers.dll" (every C# analyzer in it).</param>
    public static async Task RunAsync(string projectDirectory, int iterations, IReadOnlyList<string> analyzers)
    {
        var trees = Directory.EnumerateFiles(projectDirectory, "*.cs")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest), path))
            .ToImmutableArray();
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Dapper.SqlMapper).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(MySqlConnector.MySqlConnection).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(OrgScope.OrgScopedAttribute).Assembly.Location))
            .ToImmutableArray();

        // Two yardsticks: an analyzer that does nothing (the driver and the compile's binding), and one that asks for
        // every invocation's operation tree and does nothing with it (what building the trees costs).
        var candidates = new List<(string Name, DiagnosticAnalyzer Analyzer)>
        {
            ("(nothing)", new NothingAnalyzer(registerOperations: false)),
            ("(operation trees only)", new NothingAnalyzer(registerOperations: true)),
            ("(syntax filter, then the call's operation)", new SyntaxFirstAnalyzer()),
        };
        foreach (var spec in analyzers)
        {
            if (spec == "orgscope")
            {
                candidates.Add(("OrgScope (this build)", new OrgScopeAnalyzer()));
                continue;
            }

            var (label, path) = spec.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (spec[..at], spec[(at + 1)..]) : (Path.GetFileNameWithoutExtension(spec), spec);
            var reference = new AnalyzerFileReference(Path.GetFullPath(path), new DirectoryLoader());
            foreach (var analyzer in reference.GetAnalyzers(LanguageNames.CSharp))
            {
                candidates.Add((label + " " + analyzer.GetType().Name, analyzer));
            }
        }

        Console.WriteLine($"{trees.Length} files; {iterations} iterations; each analyzer alone on a fresh compilation");
        var times = candidates.ToDictionary(c => c.Name, _ => new List<double>());
        var cpu = candidates.ToDictionary(c => c.Name, _ => new List<double>());
        for (var i = 0; i < iterations; i++)
        {
            foreach (var (name, analyzer) in candidates)
            {
                var compilation = CSharpCompilation.Create(
                    "Bench",
                    trees,
                    references,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
                var options = new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    onAnalyzerException: (exception, _, _) => Console.Error.WriteLine("analyzer exception: " + exception),
                    concurrentAnalysis: Environment.GetEnvironmentVariable("ORGSCOPE_PROFILE_CONCURRENT") == "1",
                    logAnalyzerExecutionTime: true);
                var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options);
                var watch = Stopwatch.StartNew();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                var wall = watch.Elapsed.TotalSeconds;
                cpu[name].Add(cpuSeconds);
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
                times[name].Add(telemetry.ExecutionTime.TotalSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {i + 1}: {name,-40} analyzer {telemetry.ExecutionTime.TotalSeconds:F2} s (process CPU {cpuSeconds:F2} s, wall {wall:F2} s, {diagnostics.Length} diagnostics)"));
            }
        }

        // Process CPU is what a loaded machine distorts least (telemetry is wall time inside the callbacks); the
        // analyzer's own cost is its CPU minus the do-nothing analyzer's.
        var baseline = Median(cpu["(nothing)"]);
        foreach (var (name, list) in times)
        {
            list.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: telemetry median {Median(list):F2} s (range {list[0]:F2}–{list[^1]:F2}); process CPU median {Median(cpu[name]):F2} s, minus the do-nothing analyzer {Median(cpu[name]) - baseline:F2} s"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    // A yardstick run in this process only, never shipped: the rules for shipped analyzers do not apply.
#pragma warning disable RS1041, RS1036, RS2008, RS1012
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NothingAnalyzer(bool registerOperations) : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("BENCH000", "never", "never", "bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            if (registerOperations)
            {
                context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
            }
            else
            {
                context.RegisterCompilationStartAction(_ => { });
            }
        }
    }


    /// <summary>What a syntax-first analyzer would pay: invocations whose name could be a Dapper method get their
    /// operation (and its arguments' values); nothing else is bound into operations.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class SyntaxFirstAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("BENCH001", "never", "never", "bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var names = start.Compilation.GetTypeByMetadataName("Dapper.SqlMapper")?.MemberNames.ToImmutableHashSet() ?? ImmutableHashSet<string>.Empty;
                start.RegisterSyntaxNodeAction(
                    node =>
                    {
                        var invocation = (Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax)node.Node;
                        var name = invocation.Expression switch
                        {
                            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                            Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
                            _ => null,
                        };
                        if (name != null && names.Contains(name) && node.SemanticModel.GetOperation(invocation, node.CancellationToken) is Microsoft.CodeAnalysis.Operations.IInvocationOperation operation)
                        {
                            foreach (var argument in operation.Arguments)
                            {
                                _ = argument.Value.ConstantValue;
                            }
                        }
                    },
                    Microsoft.CodeAnalysis.CSharp.SyntaxKind.InvocationExpression);
            });
        }
    }
#pragma warning restore RS1041, RS1036, RS2008, RS1012

    /// <summary>
    /// Loads an analyzer assembly and its neighbours (Dapper.AOT ships the T-SQL parser beside it), each folder in a
    /// load context of its own, so that another build of OrgScope.Analyzers (main's, before a change) runs beside this
    /// build's in one invocation instead of being taken for it; Roslyn itself is shared.
    /// </summary>
    private sealed class DirectoryLoader : IAnalyzerAssemblyLoader
    {
        private static readonly Dictionary<string, FolderContext> Contexts = new(StringComparer.Ordinal);

        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath)
        {
            var folder = Path.GetDirectoryName(fullPath)!;
            lock (Contexts)
            {
                if (!Contexts.TryGetValue(folder, out var context))
                {
                    context = new FolderContext(folder);
                    Contexts.Add(folder, context);
                }

                return context.LoadFromAssemblyPath(fullPath);
            }
        }

        private sealed class FolderContext(string folder) : System.Runtime.Loader.AssemblyLoadContext("analyzers in " + folder)
        {
            protected override System.Reflection.Assembly? Load(System.Reflection.AssemblyName name)
            {
                var path = Path.Combine(folder, name.Name + ".dll");
                var shared = name.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || name.Name.StartsWith("System.", StringComparison.Ordinal);
                return !shared && File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }
}
