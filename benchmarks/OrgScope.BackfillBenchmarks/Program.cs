using OrgScope.Runtime.Tests;
using OrgScope.Testing;

// dotnet <bin>/OrgScope.BackfillBenchmarks.dll [--rows 1000000] [--seed 1] [--batch-size 2000] [--runs 3] [--per-row-sample N]
//   [--target-batch-ms 40 (0: fixed batch size)] [--no-durable] [--engine-only] [--keep NAME]
//   [--with-d-unresolved ((d+u): (d) that also records the unresolved rows with the engine's statement)]
//   [--with-d-records ((d+a+u): (d)'s loop writing with the engine's audit, update and unresolved statements)]
//   [--engine-targets 0 (more engine runs per round: (a@0) = fixed --batch-size batches, beside (a))]
//   [--compare-sizing 0,25,40,60] [--compare-workers 1,2,4] [--compare-only]  (docs/benchmarks/backfill.md)
// One template database gets the sample data (users backfilled first, so only `tasks` is measured); each round runs every
// approach on a fresh copy of it, in an order that rotates per round, so that ratios are measured side by side:
//   (a) the engine; (b) one set-based UPDATE ... JOIN; (d) an in-server keyset loop of the same UPDATE per batch;
//   (c) per row, on a sample (only with --per-row-sample).
// Then (in the same invocation) the --compare-* sets of engine variants, each interleaved over --runs rounds.
var arguments = BenchmarkArguments.Parse(args);

await using var server = new MariaDbServer();
await server.InitializeAsync();
if (server.IsThrowaway)
{
    // The fixture's server is sized for tests; give the benchmark a buffer pool that holds the data set, as any
    // production server would, so that every approach runs from memory.
    await BenchmarkDatabase.ExecuteAsync(server.ConnectionString, "SET GLOBAL innodb_buffer_pool_size = 2147483648");
    await BenchmarkDatabase.ExecuteAsync(server.ConnectionString, "SET GLOBAL innodb_log_file_size = 1073741824");
}

// Production durability (the default): every commit is flushed to the redo log on disk. The per-row approach pays it
// per row, the batched ones per batch, the set-based UPDATE once.
await BenchmarkDatabase.ExecuteAsync(server.ConnectionString, "SET GLOBAL innodb_flush_log_at_trx_commit = " + (arguments.Durable ? "1" : "2"));

var version = await BenchmarkDatabase.ScalarAsync(server.ConnectionString, "SELECT CONCAT(VERSION(), ', buffer pool ', @@innodb_buffer_pool_size DIV 1048576, ' MB, redo log ', @@innodb_log_file_size DIV 1048576, ' MB, flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit)");
Console.WriteLine($"server: {version}");
Console.WriteLine($"data: {arguments.Rows:N0} tasks, seed {arguments.Seed}; batch size {arguments.BatchSize} (the engine's first; (d)'s every), " +
                  $"engine target batch time {(arguments.TargetBatchMs > 0 ? arguments.TargetBatchMs + " ms" : "none (fixed)")}; {arguments.Runs} round(s)");

var data = new BenchmarkData(server, arguments);
if (arguments.Keep is { } keep)
{
    var kept = await data.PrepareTemplateAsync(keep);
    await File.WriteAllTextAsync(keep + ".plan.json", SamplePlan.Json());
    Console.WriteLine($"kept database {kept.Name}; plan in {keep}.plan.json");
    return 0;
}

await using var template = await data.PrepareTemplateAsync("bench_template");
var approaches = new List<(string Name, Func<TestDatabase, int, Task<Measurement>> Run)>
{
    (EngineApproach.Name, (db, round) => EngineApproach.RunAsync(db, round, EngineApproach.Name, arguments.BatchSize, arguments.TargetBatchMs)),
};
foreach (var target in arguments.EngineTargets.Where(t => t != arguments.TargetBatchMs))
{
    var name = EngineApproach.NameAt(target);
    approaches.Add((name, (db, round) => EngineApproach.RunAsync(db, round, name, arguments.BatchSize, target)));
}

if (!arguments.EngineOnly)
{
    approaches.Add((SetBasedUpdate.Name, SetBasedUpdate.RunAsync));
    approaches.Add((InServerKeysetLoop.Name, (db, round) => InServerKeysetLoop.RunAsync(db, round, arguments.BatchSize)));
    var statements = SamplePlan.Document().Tables.Single(t => t.Table == "tasks").Backfill;
    if (arguments.WithDUnresolved)
    {
        approaches.Add((InServerKeysetLoop.WithUnresolvedName, (db, round) => InServerKeysetLoop.RunAsync(db, round, arguments.BatchSize, InServerKeysetLoop.WithUnresolvedName, statements)));
    }

    if (arguments.WithDRecords)
    {
        approaches.Add((InServerKeysetLoop.WithRecordsName, (db, round) => InServerKeysetLoop.RunAsync(db, round, arguments.BatchSize, InServerKeysetLoop.WithRecordsName, statements)));
    }

    if (arguments.PerRowSample > 0)
    {
        approaches.Add((PerRowUpdate.Name, (db, round) => PerRowUpdate.RunAsync(db, round, arguments.PerRowSample)));
    }
}

var runs = new List<Measurement>();
for (var round = 1; round <= (arguments.CompareOnly ? 0 : arguments.Runs); round++)
{
    Console.WriteLine($"round {round}: load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    // Rotate the order per round: whatever the machine does during a round, no approach always goes first or last.
    foreach (var (name, run) in approaches.Skip((round - 1) % approaches.Count).Concat(approaches.Take((round - 1) % approaches.Count)))
    {
        await using var db = await data.CopyAsync(name);
        var measurement = await run(db, round);
        runs.Add(measurement);
        Console.WriteLine($"  ({name}) {measurement.RowsSet:N0} rows set in {measurement.Seconds:F2} s" +
                          (measurement.BatchP50Ms is { } p50 ? $", batch p50 {p50:F1} ms, p99 {measurement.BatchP99Ms:F1} ms" : ""));
    }
}

if (runs.Count > 0)
{
    Report.Print(runs, arguments);
}

// Then, in the same invocation (issue 11's figures come from one), the engine's variants side by side, each set
// interleaved within its rounds, on one more copy of the same data reset between runs.
var compare = new List<(string Title, IReadOnlyList<SideBySide.Variant> Variants)>();
if (arguments.CompareSizing is { } targets)
{
    compare.Add(("batch auto-sizing: target batch time", SideBySide.Targets(targets)));
}

if (arguments.CompareWorkers is { } workers)
{
    compare.Add(($"workers in one process (target {arguments.TargetBatchMs} ms)", SideBySide.Workers(workers, arguments.TargetBatchMs)));
}

if (compare.Count > 0)
{
    await using var db = await data.CopyAsync("compare");
    foreach (var (title, variants) in compare)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}: load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        await SideBySide.RunAsync(db, SamplePlan.Document(), variants, arguments.BatchSize, arguments.Runs);
    }
}

Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;
