using System.Diagnostics;
using System.Globalization;
using MySqlConnector;
using OrgScope.Runtime;
using OrgScope.Runtime.CommandLine;
using OrgScope.Runtime.Tests;
using OrgScope.Sample.Data;
using OrgScope.Testing;

// dotnet run -c Release --project benchmarks/OrgScope.BackfillBenchmarks -- [--rows 1000000] [--seed 1] [--batch-size 2000]
//     [--target-batch-ms 40 (0: fixed batch size)] [--per-row-sample 20000]
//     [--compare-sizing 0,25,40,60 | --compare-workers 1,2,4] [--runs 3]
// Three databases get the same sample data (users backfilled first, so only `tasks` is measured):
//   (a) the engine: orgscope backfill --tables tasks, at the given batch size;
//   (b) one set-based UPDATE tasks JOIN users (fastest possible; locks every row for the whole statement);
//   (c) per row: read the ids, one autocommit UPDATE per row, timed on a sample and extrapolated.
var rows = 1_000_000;
var seed = 1;
var batchSize = BackfillOptions.DefaultBatchSize;
var perRowSample = 20_000;
string? keep = null;
var durable = true;
var engineOnly = false;
var targetBatchMs = (int)RunbookOptions.DefaultTargetBatchTime.TotalMilliseconds;
string? compareSizing = null;
string? compareWorkers = null;
var runs = 3;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--engine-only")
    {
        // Only (a), with where its batch time goes (for trying engine changes quickly).
        engineOnly = true;
        continue;
    }

    if (args[i] == "--no-durable")
    {
        durable = false;
        continue;
    }

    if (args[i] == "--keep")
    {
        // --keep NAME: only prepare one database (users backfilled, tasks not) and leave it, for EXPLAIN and profiling.
        keep = args[++i];
        continue;
    }

    if (args[i] == "--compare-sizing")
    {
        // --compare-sizing 0,25,40,60: only (a), once per target batch time (0: fixed --batch-size), interleaved, --runs times.
        compareSizing = args[++i];
        continue;
    }

    if (args[i] == "--compare-workers")
    {
        // --compare-workers 1,2,4: only (a), once per number of workers in one process (at --target-batch-ms), interleaved.
        compareWorkers = args[++i];
        continue;
    }

    var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    switch (args[i++])
    {
        case "--rows": rows = value; break;
        case "--seed": seed = value; break;
        case "--batch-size": batchSize = value; break;
        case "--per-row-sample": perRowSample = value; break;
        case "--target-batch-ms": targetBatchMs = value; break;
        case "--runs": runs = value; break;
        default: throw new ArgumentException("unknown argument " + args[i - 1]);
    }
}

await using var server = new MariaDbServer();
await server.InitializeAsync();
if (server.IsThrowaway)
{
    // The fixture's server is sized for tests; give the benchmark a buffer pool that holds the data set, as any
    // production server would, so that all three approaches run from memory.
    await ExecuteAsync(server.ConnectionString, "SET GLOBAL innodb_buffer_pool_size = 2147483648");
    await ExecuteAsync(server.ConnectionString, "SET GLOBAL innodb_log_file_size = 1073741824");
}

// Production durability (the default): every commit is flushed to the redo log on disk. The per-row approach pays it
// per row, the engine per batch, the set-based UPDATE once.
await ExecuteAsync(server.ConnectionString, "SET GLOBAL innodb_flush_log_at_trx_commit = " + (durable ? "1" : "2"));

var version = await ScalarAsync(server.ConnectionString, "SELECT CONCAT(VERSION(), ', buffer pool ', @@innodb_buffer_pool_size DIV 1048576, ' MB, redo log ', @@innodb_log_file_size DIV 1048576, ' MB, flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit)");
Console.WriteLine($"server: {version}");
Console.WriteLine($"data: {rows:N0} tasks, seed {seed}; engine batch size {batchSize} (first batch), target batch time {targetBatchMs} ms");
var plan = SamplePlan.Document();

Task<TestDatabase> PrepareAsync(string name) => BenchmarkDatabase.PrepareAsync(server, plan, name, rows, seed);

if (compareSizing is not null || compareWorkers is not null)
{
    static List<int> Numbers(string list) => list.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToList();
    var variants = compareSizing is not null ? SideBySide.Targets(Numbers(compareSizing)) : SideBySide.Workers(Numbers(compareWorkers!), targetBatchMs);
    await SideBySide.RunAsync(await PrepareAsync("bench_compare"), plan, variants, batchSize, runs);
    return 0;
}

if (keep is not null)
{
    var kept = await PrepareAsync(keep);
    await File.WriteAllTextAsync(keep + ".plan.json", SamplePlan.Json());
    Console.WriteLine($"kept database {kept.Name}; plan in {keep}.plan.json");
    return 0;
}

var setRows = 0L;

// (a) the engine
await using var a = await PrepareAsync("bench_engine");
var engineWatch = Stopwatch.StartNew();
// Where a batch's time goes, from the engine's statement hook and its progress report (the batch's end).
var segments = new Dictionary<string, double>();
var mark = Stopwatch.StartNew();
const string BatchStart = "start -> keys (throttle, begin, checkpoint read)";
var markName = BatchStart;
void Mark(string next)
{
    segments[markName] = segments.GetValueOrDefault(markName) + mark.Elapsed.TotalMilliseconds;
    markName = next;
    mark.Restart();
}

var engine = new Runbook(plan, a.ConnectionString, new RunbookOptions { TargetBatchTime = TimeSpan.FromMilliseconds(targetBatchMs) })
{
    BeforeStatement = e =>
    {
        if (e.Table == "tasks")
        {
            Mark(e.Statement.Contains("keys", StringComparison.Ordinal) ? "keys (select and lock)" : e.Statement == "audit" ? "audit + update" : "unresolved + checkpoint + commit");
        }

        return Task.CompletedTask;
    },
};
var sizes = new List<int>();
var profile = new SyncProgress<BatchProgress>(p =>
{
    if (p.Table == "tasks" && p.ThrottledFor is null)
    {
        sizes.Add(p.BatchSize);
        Mark(BatchStart); // the batch committed: its last segment ends, the next batch's first begins
    }
});
var summary = await engine.BackfillAsync(new BackfillOptions { Tables = ["tasks"], BatchSize = batchSize }, profile);
var engineSeconds = engineWatch.Elapsed.TotalSeconds;
var tasks = summary.Tables.Single();
setRows = tasks.RowsSet;
Console.WriteLine($"(a) engine: {setRows:N0} rows set in {engineSeconds:F2} s; batches {tasks.Batches}, p50 {tasks.BatchP50.TotalMilliseconds:F1} ms, p99 {tasks.BatchP99.TotalMilliseconds:F1} ms");
Console.WriteLine($"(a) batch sizes (target {(targetBatchMs > 0 ? targetBatchMs + " ms" : "none: fixed")}): {SideBySide.Describe(sizes)}");
Console.WriteLine("(a) where the time goes (ms, all batches; a batch without unresolved rows ends with checkpoint + commit inside 'audit + update'):");
foreach (var (segment, ms) in segments)
{
    Console.WriteLine($"    {segment}: {ms:F0} ms");
}

await a.DisposeAsync(); // drop it: keeps the buffer pool for the next database
if (engineOnly)
{
    return 0;
}

// (b) one set-based UPDATE ... JOIN
await using var b = await PrepareAsync("bench_setbased");
var setWatch = Stopwatch.StartNew();
var setBasedRows = await ExecuteAsync(b.ConnectionString,
    "UPDATE tasks t JOIN users u ON u.id = t.assigned_to SET t.organization_id = u.organization_id " +
    "WHERE t.organization_id IS NULL AND u.organization_id IS NOT NULL");
var setSeconds = setWatch.Elapsed.TotalSeconds;
Console.WriteLine($"(b) set-based: {setBasedRows:N0} rows set in {setSeconds:F2} s");
await b.DisposeAsync();

// (c) per row, on a sample, as the issue describes it and as hand-written backfill scripts do it: select the ids of
// the rows still NULL, then one autocommit UPDATE per id that resolves the row's organization itself. A row whose
// user has no organization changes nothing (and is simply not counted as set).
await using var c = await PrepareAsync("bench_perrow");
var perRowWatch = Stopwatch.StartNew();
var perRowSet = 0;
await using (var connection = new MySqlConnection(c.ConnectionString))
{
    await connection.OpenAsync();
    var ids = new List<long>();
    await using (var select = new MySqlCommand("SELECT id FROM tasks WHERE organization_id IS NULL ORDER BY id LIMIT @n", connection))
    {
        select.Parameters.AddWithValue("@n", perRowSample);
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }
    }

    await using var update = new MySqlCommand(
        "UPDATE tasks t JOIN users u ON u.id = t.assigned_to SET t.organization_id = u.organization_id " +
        "WHERE t.id = @id AND t.organization_id IS NULL AND u.organization_id IS NOT NULL", connection);
    var id = update.Parameters.Add("@id", MySqlDbType.Int64);
    foreach (var rowId in ids)
    {
        id.Value = rowId;
        perRowSet += await update.ExecuteNonQueryAsync();
    }
}

var perRowSeconds = perRowWatch.Elapsed.TotalSeconds;

// rows/s over the rows each approach sets (the engine also audits each one and records the unresolved rest).
var aRate = setRows / engineSeconds;
var bRate = setBasedRows / setSeconds;
var cRate = perRowSet / perRowSeconds;
Console.WriteLine();
Console.WriteLine("| approach | rows set | time | rows/s |");
Console.WriteLine("|---|---:|---:|---:|");
Console.WriteLine($"| (a) engine, batch {batchSize} | {setRows:N0} | {engineSeconds:F2} s | {aRate:N0} |");
Console.WriteLine($"| (b) one UPDATE ... JOIN | {setBasedRows:N0} | {setSeconds:F2} s | {bRate:N0} |");
Console.WriteLine($"| (c) per row (first {perRowSample:N0} NULL ids, extrapolated) | {perRowSet:N0} | {perRowSeconds:F2} s (full: ~{setRows / cRate:F0} s) | {cRate:N0} |");
Console.WriteLine();
Console.WriteLine($"a/b = {aRate / bRate:F2} (target >= 0.8), a/c = {aRate / cRate:F1} (target >= 50); b/c = {bRate / cRate:F1} (the bound on a/c for any approach no faster than (b))");
Console.WriteLine($"engine batches: {tasks.Batches}, p50 {tasks.BatchP50.TotalMilliseconds:F1} ms, p99 {tasks.BatchP99.TotalMilliseconds:F1} ms (target < 100 ms); retries {tasks.Retries}; unresolved {tasks.RowsUnresolved:N0}");
return 0;

static Task<int> ExecuteAsync(string connectionString, string sql) => BenchmarkDatabase.ExecuteAsync(connectionString, sql);

static Task<object?> ScalarAsync(string connectionString, string sql) => BenchmarkDatabase.ScalarAsync(connectionString, sql);
