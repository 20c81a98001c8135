using System.Diagnostics;
using System.Globalization;
using OrgScope.Plan;
using OrgScope.Runtime;
using OrgScope.Runtime.CommandLine;
using OrgScope.Testing;

/// <summary>
/// Side-by-side runs of the engine on `tasks`, one per variant (`--compare-sizing 0,25,40,60`: target batch times, 0 =
/// every batch the fixed --batch-size; `--compare-workers 1,2,4`: workers in one process), the variants interleaved
/// within each of `--runs` rounds so that the machine's drift hits them all alike, the same database reset between
/// runs. Prints each run, then per variant the medians: time, rows/s, batch p50/p99, sizes, the speed-up over the
/// first variant, and the CPU the run cost on the server (the mariadbd this process started) and in this process: their
/// sum over the wall time is how many cores the run kept busy, which is what bounds the workers' speed-up on a small
/// machine (docs/benchmarks/backfill.md, "Workers: what limits the speed-up").
/// </summary>
internal static class SideBySide
{
    public sealed record Variant(string Label, RunbookOptions Options, int Workers);

    private sealed record Run(string Label, double Seconds, long RowsSet, double P50, double P99, int Batches, List<int> Sizes, double? ServerCpu, double ClientCpu, double? MachineCpu);

    public static IReadOnlyList<Variant> Targets(IEnumerable<int> targets) =>
        targets.Select(t => new Variant(t > 0 ? $"target {t} ms" : "fixed", new RunbookOptions { TargetBatchTime = TimeSpan.FromMilliseconds(t) }, 1)).ToList();

    public static IReadOnlyList<Variant> Workers(IEnumerable<int> workers, int targetMs) =>
        workers.Select(w => new Variant($"{w} worker(s)", new RunbookOptions { TargetBatchTime = TimeSpan.FromMilliseconds(targetMs) }, w)).ToList();

    public static async Task RunAsync(TestDatabase db, PlanDocument plan, IReadOnlyList<Variant> variants, int batchSize, int runs)
    {
        var results = new List<Run>();
        for (var round = 1; round <= runs; round++)
        {
            foreach (var variant in variants)
            {
                await BenchmarkDatabase.ResetTasksAsync(db);
                var sizes = new List<int>();
                var runbook = new Runbook(plan, db.ConnectionString, variant.Options);
                var (server0, client0, machine0) = (ProcessCpu.Server(), ProcessCpu.Client(), ProcessCpu.Machine());
                var watch = Stopwatch.StartNew();
                var summary = await runbook.BackfillAsync(
                    new BackfillOptions { Tables = ["tasks"], BatchSize = batchSize, Restart = true, Workers = variant.Workers },
                    new SyncProgress<BatchProgress>(p => { if (p.ThrottledFor is null) sizes.Add(p.BatchSize); }));
                var seconds = watch.Elapsed.TotalSeconds;
                var (server1, client1, machine1) = (ProcessCpu.Server(), ProcessCpu.Client(), ProcessCpu.Machine());
                var t = summary.Tables.Single();
                var run = new Run(variant.Label, seconds, t.RowsSet, t.BatchP50.TotalMilliseconds, t.BatchP99.TotalMilliseconds, t.Batches, sizes,
                    (server1 - server0)?.TotalSeconds, (client1 - client0).TotalSeconds, (machine1 - machine0)?.TotalSeconds);
                results.Add(run);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} {variant.Label}: {seconds:F2} s, {t.RowsSet / seconds:N0} rows/s, p50 {run.P50:F1} ms, p99 {run.P99:F1} ms, {t.Batches} batches, sizes {Describe(sizes)}, CPU server {Seconds(run.ServerCpu)} + client {run.ClientCpu:F1} s, whole machine {Seconds(run.MachineCpu)}, load average {LoadAverage()}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| variant | time (median of {runs}; min–max) | rows/s | speed-up | batch p50 | batch p99 (median; min–max) | batches | median batch size | CPU s server + client (cores busy of {Environment.ProcessorCount}) | whole machine (cores busy) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var baseline = Median(results.Where(r => r.Label == variants[0].Label).Select(r => r.Seconds));
        foreach (var variant in variants)
        {
            var mine = results.Where(r => r.Label == variant.Label).ToList();
            var seconds = Median(mine.Select(r => r.Seconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {variant.Label} | {seconds:F2} s ({mine.Min(r => r.Seconds):F2}–{mine.Max(r => r.Seconds):F2}) | {Median(mine.Select(r => r.RowsSet / r.Seconds)):N0} | {baseline / seconds:F2} | {Median(mine.Select(r => r.P50)):F1} ms | {Median(mine.Select(r => r.P99)):F1} ms ({mine.Min(r => r.P99):F1}–{mine.Max(r => r.P99):F1}) | {Median(mine.Select(r => (double)r.Batches)):F0} | {Median(mine.SelectMany(r => r.Sizes).Select(s => (double)s)):F0} | {Cpu(mine)} | {Machine(mine)} |"));
        }
    }

    // "server + client (cores busy)"; without a server of our own, only the client's CPU is known.
    private static string Cpu(IReadOnlyList<Run> runs)
    {
        var client = Median(runs.Select(r => r.ClientCpu));
        return runs.Any(r => r.ServerCpu is null)
            ? string.Create(CultureInfo.InvariantCulture, $"n/a + {client:F1} (n/a)")
            : string.Create(CultureInfo.InvariantCulture, $"{Median(runs.Select(r => r.ServerCpu!.Value)):F1} + {client:F1} ({Median(runs.Select(r => (r.ServerCpu!.Value + r.ClientCpu) / r.Seconds)):F2})");
    }

    private static string Machine(IReadOnlyList<Run> runs) =>
        runs.Any(r => r.MachineCpu is null)
            ? "n/a"
            : string.Create(CultureInfo.InvariantCulture, $"{Median(runs.Select(r => r.MachineCpu!.Value)):F1} ({Median(runs.Select(r => r.MachineCpu!.Value / r.Seconds)):F2})");

    private static string Seconds(double? cpu) => cpu is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:F1} s") : "n/a";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>min / median / max of the batch sizes a run used, and the last one.</summary>
    public static string Describe(IReadOnlyList<int> sizes) =>
        sizes.Count == 0
            ? "none"
            : string.Create(CultureInfo.InvariantCulture, $"min {sizes.Min()}, median {Median(sizes.Select(s => (double)s)):F0}, max {sizes.Max()}, last {sizes[^1]}");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
