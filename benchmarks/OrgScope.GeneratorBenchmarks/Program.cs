using System.Diagnostics;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OrgScope.GeneratorBenchmarks;
using OrgScope.Generators;
using OrgScope.Generators.Building;
using OrgScope.Generators.Emit.Plan;
using OrgScope.Model;
using OrgScope.Generators.Parsing;

// dotnet run -c Release --project benchmarks/OrgScope.GeneratorBenchmarks [-- iterations]
// Full run: a fresh compilation (nothing bound yet) and a fresh driver, as a clean build does.
// Unrelated edit: the same driver after a file without OrgScope attributes changed, as the IDE does per keystroke.
var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 15;
var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
var references = Net80.References.All.Cast<MetadataReference>()
    .Append(MetadataReference.CreateFromFile(typeof(OrgScope.OrgScopedAttribute).Assembly.Location))
    .ToArray();

Console.WriteLine($"OrgScope generator benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {iterations} measured runs each (median, min)");
Console.WriteLine();
Console.WriteLine("Each cell: wall-clock median (min) / process CPU median. Baseline: Roslyn's attribute lookups alone (BaselineGenerator).");
Console.WriteLine();
Console.WriteLine("| entities | full run | unrelated edit | unrelated edit, IDE (design time) | baseline full run | baseline unrelated edit | OrgScope.Plan.g.cs | emitter work after the edit |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|");

foreach (var count in new[] { 10, 100, 1000 })
{
    var trees = EntityModelSource.Create(count)
        .Select(f => CSharpSyntaxTree.ParseText(f.Source, parseOptions, f.Path))
        .Append(CSharpSyntaxTree.ParseText("namespace Bench; public static class Unrelated { public static int Value => 1; }", parseOptions, "Unrelated.cs"))
        .ToArray();
    var unrelated = trees[^1];

    CSharpCompilation NewCompilation() => CSharpCompilation.Create("Bench", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    GeneratorDriver NewDriver(bool track, IIncrementalGenerator? generator = null, bool designTime = false) => CSharpGeneratorDriver.Create(
        new[] { (generator ?? new OrgScopeGenerator()).AsSourceGenerator() },
        parseOptions: parseOptions,
        driverOptions: new GeneratorDriverOptions(
            designTime ? IncrementalGeneratorOutputKind.Implementation : IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    // Sanity: the model is valid and a plan comes out.
    var check = NewDriver(track: true).RunGenerators(NewCompilation());
    var checkResult = check.GetRunResult().Results.Single();
    if (checkResult.Diagnostics.Length > 0 || checkResult.GeneratedSources.All(s => s.HintName != "OrgScope.Plan.g.cs"))
    {
        throw new InvalidOperationException($"{count} entities: unexpected diagnostics {string.Join("; ", checkResult.Diagnostics)}");
    }

    var full = Measure(iterations, () => NewDriver(track: false).RunGenerators(NewCompilation()));

    var baseCompilation = NewCompilation();
    var version = 0;
    Compilation Edited() => baseCompilation.ReplaceSyntaxTree(unrelated, unrelated.WithChangedText(
        Microsoft.CodeAnalysis.Text.SourceText.From($"namespace Bench; public static class Unrelated {{ public static int Value => {++version}; }}")));
    var driver = NewDriver(track: false).RunGenerators(baseCompilation);
    var edit = Measure(iterations, () => driver = driver.RunGenerators(Edited()));

    // With step tracking on, once: did any output step (the emitters) run after the edit?
    var tracked = NewDriver(track: true).RunGenerators(baseCompilation).RunGenerators(Edited());
    var outputReasons = tracked.GetRunResult().Results.Single().TrackedOutputSteps
        .SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
    var emitterWork = outputReasons.All(r => r == IncrementalStepRunReason.Cached) ? "none (all output steps Cached)" : $"RAN: {string.Join(", ", outputReasons)}";

    if (args.Contains("--breakdown"))
    {
        var specs = (EquatableArray<EntitySpec>)checkResult.TrackedSteps[TrackingNames.Entities].Single().Outputs.Single().Value;
        var model = ModelBuilder.Build(specs, CancellationToken.None).Model!;
        var build = Measure(iterations, () => ModelBuilder.Build(specs, CancellationToken.None));
        var plan = Measure(iterations, () => PlanClassEmitter.Emit(model));
        var planSource = PlanClassEmitter.Emit(model);
        var parsePlan = Measure(iterations, () => CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(planSource, System.Text.Encoding.UTF8), parseOptions).GetRoot());
        var designTimeFull = Measure(iterations, () => NewDriver(track: false, designTime: true).RunGenerators(NewCompilation()));
        // Outside the compiler: what the script writer (after the build) and the runtime spend reading the plan and
        // rendering every SQL file and backfill statement from it.
        var json = PlanJsonEmitter.Emit(model);
        var render = Measure(iterations, () => OrgScope.Plan.PlanReader.Parse(json, "benchmark"));
        // Per named step of one tracked full run (Roslyn's own timing of each step).
        var steps = NewDriver(track: true).RunGenerators(NewCompilation()).GetRunResult().Results.Single().TrackedSteps
            .Select(kv => $"{kv.Key} {kv.Value.Sum(s => s.ElapsedTime.TotalMilliseconds):F0} ms");
        Console.WriteLine($"  steps {count} (one tracked full run): {string.Join(", ", steps)}");
        Console.WriteLine($"  breakdown {count} (CPU medians): model builder {build.CpuMedian:F0} ms, plan class {plan.CpuMedian:F0} ms, parsing it {parsePlan.CpuMedian:F0} ms; full run without the plan class (design time) {designTimeFull.CpuMedian:F0} ms; outside the compiler: read + render all SQL {render.CpuMedian:F0} ms");
    }

    // The IDE runs generators with implementation outputs off: no plan class, diagnostics only.
    var ideDriver = NewDriver(track: false, designTime: true).RunGenerators(baseCompilation);
    var ideEdit = Measure(iterations, () => ideDriver = ideDriver.RunGenerators(Edited()));

    var baseline = Measure(iterations, () => NewDriver(track: false, new BaselineGenerator()).RunGenerators(NewCompilation()));
    var baselineDriver = NewDriver(track: false, new BaselineGenerator()).RunGenerators(baseCompilation);
    var baselineEdit = Measure(iterations, () => baselineDriver = baselineDriver.RunGenerators(Edited()));
    var planKb = checkResult.GeneratedSources.Single(s => s.HintName == "OrgScope.Plan.g.cs").SourceText.Length / 1024;

    Console.WriteLine($"| {count:N0} | {full} | {edit} | {ideEdit} | {baseline} | {baselineEdit} | {planKb:N0} KB | {emitterWork} |");
}

static Timing Measure(int iterations, Action action)
{
    for (var i = 0; i < 3; i++)
    {
        action();
    }

    var wall = new List<double>(iterations);
    var cpu = new List<double>(iterations);
    var process = Process.GetCurrentProcess();
    for (var i = 0; i < iterations; i++)
    {
        // Garbage of the previous run is collected before the clock starts, so one run does not pay for another.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        action();
        wall.Add(stopwatch.Elapsed.TotalMilliseconds);
        process.Refresh();
        cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
    }

    wall.Sort();
    cpu.Sort();
    return new Timing(wall[wall.Count / 2], wall[0], cpu[cpu.Count / 2]);
}

internal readonly record struct Timing(double Median, double Min, double CpuMedian)
{
    public override string ToString() => $"{Median:F1} ({Min:F1}) / {CpuMedian:F0} ms";
}
