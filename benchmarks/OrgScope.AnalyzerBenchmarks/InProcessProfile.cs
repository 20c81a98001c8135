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
    /// <param name="source">The generated project's directory (compiled with this process's reference assemblies and no
    /// build options), or a file holding the build's csc command line (<see cref="BuildReplay"/>: the build's own
    /// compilation, references and .editorconfig options; what the comparison with Dapper.AOT should use).</param>
    /// <param name="analyzers">"orgscope" (this build's analyzer) or "LABEL=path/to/Analyzers.dll" (every C# analyzer in
    /// it, run together as the build runs an assembly's analyzers). The first two are compared pair by pair.</param>
    public static async Task RunAsync(string source, int iterations, IReadOnlyList<string> analyzers)
    {
        var (createCompilation, analyzerOptions, fileCount, what) = File.Exists(source) ? FromBuild(source) : FromDirectory(source);

        // Three yardsticks: an analyzer that does nothing (the driver alone: nothing is bound), one that asks for every
        // invocation's operation tree and does nothing with it (what binding the method bodies costs, which every
        // operation-based analyzer pays when it runs alone), and one that filters invocations by name first. Under a
        // sampling profiler (ORGSCOPE_PROFILE_ONLY_MEASURED=1) they are left out, so every second goes to the analyzers
        // looked at.
        var yardsticks = Environment.GetEnvironmentVariable("ORGSCOPE_PROFILE_ONLY_MEASURED") == "1"
            ? new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>()
            : new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>
            {
                (Nothing, ImmutableArray.Create<DiagnosticAnalyzer>(new NothingAnalyzer(registerOperations: false))),
                (TreesOnly, ImmutableArray.Create<DiagnosticAnalyzer>(new NothingAnalyzer(registerOperations: true))),
                ("(syntax filter, then the call's operation)", ImmutableArray.Create<DiagnosticAnalyzer>(new SyntaxFirstAnalyzer())),
            };
        var measured = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>();
        foreach (var spec in analyzers)
        {
            if (spec == "orgscope")
            {
                measured.Add(("OrgScope (this build)", ShippedAnalyzers(typeof(OrgScopeAnalyzer).Assembly)));
                continue;
            }

            // "LABEL=a.dll;b.dll;orgscope": several assemblies run together, as one build runs them all ("orgscope": this
            // build's); a label "X+Y" names the set X with Y added, whose difference is printed as what Y adds to X.
            var (label, paths) = spec.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (spec[..at], spec[(at + 1)..]) : (Path.GetFileNameWithoutExtension(spec), spec);
            measured.Add((label, paths.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(path => path == "orgscope"
                    ? ShippedAnalyzers(typeof(OrgScopeAnalyzer).Assembly)
                    : new AnalyzerFileReference(Path.GetFullPath(path), new DirectoryLoader()).GetAnalyzers(LanguageNames.CSharp))
                .ToImmutableArray()));
        }

        var candidates = yardsticks.Concat(measured).ToList();
        var hasTreesOnly = yardsticks.Any(y => y.Name == TreesOnly);

        // Warm-up rounds are not counted: the build's compiler server keeps analyzers loaded from build to build, so the
        // steady state (code tiered up by the JIT) is what a build sees; one round was not enough (the first counted
        // rounds ran up to 1.8x slower than the rest).
        var warmUp = int.TryParse(Environment.GetEnvironmentVariable("ORGSCOPE_PROFILE_WARMUP"), out var w) && w >= 0 ? w : 3;
        Console.WriteLine($"{what}: {fileCount} files; {warmUp} warm-up round(s), then {iterations} rounds; each analyzer (assembly) alone on a fresh compilation, {(Concurrent ? "concurrent analysis and binding (ORGSCOPE_PROFILE_CONCURRENT=1)" : "sequential analysis and binding (one thread)")}");
        var times = candidates.ToDictionary(c => c.Name, _ => new List<double>());
        var cpu = candidates.ToDictionary(c => c.Name, _ => new List<double>());
        var callbacks = candidates.ToDictionary(c => c.Name, _ => new List<double>());
        var compile = new List<double>();
        for (var i = 1 - warmUp; i <= iterations; i++)
        {
            // The build's own work without analyzers, in the same round: bind and emit every method body (after the
            // same declaration pass the analyzer runs start from). What an analyzer's process CPU is divided by for
            // "added to the build".
            var emitCpu = EmitCpuSeconds(createCompilation());
            if (i > 0)
            {
                compile.Add(emitCpu);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(i <= 0 ? "warm-up" : i.ToString(CultureInfo.InvariantCulture)),7}: {Compile,-44} process CPU {emitCpu:F2} s"));

            // The measured analyzers take turns going first, so a slow stretch of the machine does not always hit the same one.
            var order = yardsticks.Concat(i % 2 == 0 ? measured : Enumerable.Reverse(measured)).ToList();
            foreach (var (name, unwrapped) in order)
            {
                // Suppressors stay as they are (the driver runs them by type); everything else is timed in thread CPU.
                var set = unwrapped.Select(a => a is DiagnosticSuppressor ? a : new CpuTimedAnalyzer(a)).ToImmutableArray();
                var options = new CompilationWithAnalyzersOptions(
                    analyzerOptions,
                    onAnalyzerException: (exception, _, _) => Console.Error.WriteLine("analyzer exception: " + exception),
                    concurrentAnalysis: Concurrent,
                    logAnalyzerExecutionTime: true);
                // The declaration pass a build's compiler runs before it compiles method bodies (and so before analyzers
                // see their first operation): the source assembly, the merged declarations, the tree ordinals. Left
                // lazy, its cost lands in the callbacks of whichever analyzer asks for a type by name first (OrgScope
                // does, in its compilation-start action; Dapper.AOT registers without one).
                // ORGSCOPE_PROFILE_LAZY_DECLARATIONS=1 leaves it lazy, to show what it would add.
                var withAnalyzers = Prepared(createCompilation(), declarations: !LazyDeclarations).WithAnalyzers(set, options);
                CollectHeap();
                var watch = Stopwatch.StartNew();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                var wall = watch.Elapsed.TotalSeconds;
                var telemetry = 0.0;
                var callbackCpu = 0.0;
                var untimed = 0;
                var parts = new List<string>();
                foreach (var analyzer in set)
                {
                    var executionTime = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false)).ExecutionTime.TotalSeconds;
                    telemetry += executionTime;
                    callbackCpu += analyzer is CpuTimedAnalyzer timed ? timed.Seconds : executionTime;
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"{((analyzer as CpuTimedAnalyzer)?.Inner ?? analyzer).GetType().Name} {(analyzer is CpuTimedAnalyzer t ? t.Seconds : executionTime):F3}"));
                    untimed += (analyzer as CpuTimedAnalyzer)?.Untimed ?? 0;
                }

                if (i > 0)
                {
                    cpu[name].Add(cpuSeconds);
                    times[name].Add(telemetry);
                    callbacks[name].Add(callbackCpu);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {(i <= 0 ? "warm-up" : i.ToString(CultureInfo.InvariantCulture)),7}: {name,-44} callbacks' CPU {callbackCpu:F3} s, telemetry {telemetry:F2} s (process CPU {cpuSeconds:F2} s, wall {wall:F2} s, {diagnostics.Length} diagnostics){(set.Length > 1 ? " [" + string.Join(", ", parts) + "]" : string.Empty)}{(untimed > 0 ? $" [{untimed} start registrations whose nested actions are NOT timed]" : string.Empty)}"));
            }
        }

        // Telemetry is Roslyn's analyzer execution time (what ReportAnalyzer prints): wall time inside the analyzer's
        // callbacks, which excludes the binding the driver does before calling them. Own CPU is the process CPU of the
        // analyzer's run minus the operation-trees-only yardstick's in the same round: what the analyzer adds on top of
        // the binding both pay.
        List<double> Own(string name) => cpu[name].Zip(cpu[TreesOnly], (x, y) => x - y).ToList();
        foreach (var (name, list) in times)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: callbacks' CPU median {Median(callbacks[name]):F3} s ({Range(callbacks[name])}); telemetry median {Median(list):F2} s ({Range(list)}); process CPU median {Median(cpu[name]):F2} s ({Range(cpu[name])})")
                + (hasTreesOnly ? string.Create(CultureInfo.InvariantCulture, $"; own CPU (minus the trees-only yardstick) median {Median(Own(name)):F2} s ({Range(Own(name))})") : string.Empty));
        }

        // An analyzer's process CPU is work a build with it does on top of the compile: an upper bound of what it adds to
        // the build's time (a build runs analyzers beside the compiler's own binding and emit, so on a machine with a
        // free core part of it hides in wall time). Divided per round by that round's compile.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Compile}: process CPU median {Median(compile):F2} s ({Range(compile)})"));
        foreach (var (name, _) in candidates)
        {
            var shares = cpu[name].Zip(compile, (x, y) => x / y).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: added CPU (its run's process CPU / the compile's), median of the per-round ratios {Median(shares) * 100:F1} % ({Range(shares.Select(r => r * 100).ToList())} %)"));
        }

        // "X+Y" beside "X": what Y adds where X already runs (the operation trees X has the driver build are built once
        // for both), per round, as a share of the compile.
        foreach (var (name, _) in measured.Where(m => m.Name.Contains('+', StringComparison.Ordinal)))
        {
            var baseName = name[..name.LastIndexOf('+')];
            if (cpu.ContainsKey(baseName))
            {
                var added = cpu[name].Zip(cpu[baseName], (x, y) => x - y).Zip(compile, (d, c) => d / c * 100).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name} over {baseName}: added CPU / the compile's, median of the per-round ratios {Median(added):F1} % ({Range(added)} %)"));
            }
        }

        if (measured.Count >= 2)
        {
            var (a, b) = (measured[0].Name, measured[1].Name);
            var telemetryRatios = times[a].Zip(times[b], (x, y) => x / y).ToList();
            var cpuRatios = cpu[a].Zip(cpu[b], (x, y) => x / y).ToList();
            var callbackRatios = callbacks[a].Zip(callbacks[b], (x, y) => x / y).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{a} / {b}, per round:"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  callbacks' CPU (the figure):  ratio of medians {Median(callbacks[a]) / Median(callbacks[b]):F2}; median of the per-round ratios {Median(callbackRatios):F2} ({Range(callbackRatios)})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  analyzer time (telemetry): ratio of medians {Median(times[a]) / Median(times[b]):F2}; median of the per-round ratios {Median(telemetryRatios):F2} ({Range(telemetryRatios)})"));
            if (hasTreesOnly)
            {
                var (ownA, ownB) = (Own(a), Own(b));
                var ownRatios = ownA.Zip(ownB, (x, y) => x / y).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  own CPU (minus trees-only):  ratio of medians {Median(ownA) / Median(ownB):F2}; median of the per-round ratios {Median(ownRatios):F2} ({Range(ownRatios)})"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  process CPU (binding incl.): ratio of medians {Median(cpu[a]) / Median(cpu[b]):F2}; median of the per-round ratios {Median(cpuRatios):F2} ({Range(cpuRatios)})"));
        }
    }

    /// <summary>Every C# analyzer and suppressor the assembly ships (ORG001–ORG005, the ORG006 marker analyzer, the
    /// exemption suppressor): what a build that references the package runs.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> ShippedAnalyzers(System.Reflection.Assembly assembly) =>
        assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .Where(type => type.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false)
                .Cast<DiagnosticAnalyzerAttribute>().Any(attribute => attribute.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

    private const string Nothing = "(nothing)";
    private const string Compile = "(the compile: bind + emit, no analyzers)";
    private const string TreesOnly = "(operation trees only)";

    // Sequential (unless ORGSCOPE_PROFILE_CONCURRENT=1) means one thread for everything: with the compiler's own
    // parallel binding beside them, the callbacks' wall time (the telemetry) would count the other threads' share of
    // the two cores. The declaration pass, when asked for, is done here, before any timing starts.
    private static CSharpCompilation Prepared(CSharpCompilation compilation, bool declarations)
    {
        compilation = compilation.WithOptions(compilation.Options.WithConcurrentBuild(Concurrent));
        if (declarations)
        {
            _ = compilation.GetDeclarationDiagnostics();
        }

        return compilation;
    }

    // Start each run from a collected heap: a collection the previous run left due lands on whichever callback
    // allocates next (with workstation GC, on that thread's CPU time).
    private static void CollectHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    // Process CPU of emitting the compilation to nowhere, prepared and from a collected heap as the analyzer runs are
    // (the declaration pass always done first: the analyzer runs' default).
    private static double EmitCpuSeconds(CSharpCompilation compilation)
    {
        compilation = Prepared(compilation, declarations: true);
        CollectHeap();
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var result = compilation.Emit(Stream.Null);
        var seconds = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
        if (!result.Success)
        {
            throw new InvalidOperationException("The compile failed: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3)));
        }

        return seconds;
    }

    private static bool Concurrent => Environment.GetEnvironmentVariable("ORGSCOPE_PROFILE_CONCURRENT") == "1";

    private static bool LazyDeclarations => Environment.GetEnvironmentVariable("ORGSCOPE_PROFILE_LAZY_DECLARATIONS") == "1";

    private static (Func<CSharpCompilation> Create, AnalyzerOptions Options, int Files, string What) FromBuild(string commandLineFile)
    {
        var replay = BuildReplay.Load(commandLineFile);
        return (replay.CreateCompilation, replay.AnalyzerOptions, replay.FileCount, "the build's compilation (" + commandLineFile + ")");
    }

    private static (Func<CSharpCompilation> Create, AnalyzerOptions Options, int Files, string What) FromDirectory(string projectDirectory)
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
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable);
        return (() => CSharpCompilation.Create("Bench", trees, references, options), new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), trees.Length,
            "the files of " + projectDirectory + " (no build options, this process's reference assemblies)");
    }

    private static string Range(List<double> values) =>
        values.Count == 0 ? "no rounds" : string.Create(CultureInfo.InvariantCulture, $"range {values.Min():F2}–{values.Max():F2}");

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
