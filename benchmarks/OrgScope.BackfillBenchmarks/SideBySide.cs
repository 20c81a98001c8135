using System.Diagnostics;
using System.Globalization;
using OrgScope.Plan;
using OrgScope.Runtime;
using OrgScope.Runtime.CommandLine;
using OrgScope.Testing;

/// <summary>
/// `--compare-sizing 0,25,40,60 [--runs 3]`: the engine on `tasks` once per target batch time (0: every batch the fixed
/// --batch-size), the targets interleaved within each round so that the machine's drift hits them all alike, the same
/// database reset between runs. Prints each run, then per target the medians: time, rows/s, batch p50/p99, sizes.
/// </summary>
internal static class SizingComparison
{
    private sealed record Run(int TargetMs, double Seconds, long RowsSet, double P50, double P99, int Batches, List<int> Sizes);

    public static async Task RunAsync(TestDatabase db, PlanDocument plan, IReadOnlyList<int> targets, int batchSize, int runs)
    {
        var results = new List<Run>();
        for (var round = 1; round <= runs; round++)
        {
            foreach (var target in targets)
            {
                await BenchmarkDatabase.ResetTasksAsync(db);
                var sizes = new List<int>();
                var runbook = new Runbook(plan, db.ConnectionString, new RunbookOptions { TargetBatchTime = TimeSpan.FromMilliseconds(target) });
                var watch = Stopwatch.StartNew();
                var summary = await runbook.BackfillAsync(
                    new BackfillOptions { Tables = ["tasks"], BatchSize = batchSize, Restart = true },
                    new SyncProgress<BatchProgress>(p => { if (p.ThrottledFor is null) sizes.Add(p.BatchSize); }));
                var seconds = watch.Elapsed.TotalSeconds;
                var t = summary.Tables.Single();
                var run = new Run(target, seconds, t.RowsSet, t.BatchP50.TotalMilliseconds, t.BatchP99.TotalMilliseconds, t.Batches, sizes);
                results.Add(run);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} target {Label(target)}: {seconds:F2} s, {t.RowsSet / seconds:N0} rows/s, p50 {run.P50:F1} ms, p99 {run.P99:F1} ms, {t.Batches} batches, sizes {Describe(sizes)}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| target batch time | time (median of {runs}) | rows/s | batch p50 | batch p99 (median; min–max) | batches | median batch size |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var target in targets)
        {
            var mine = results.Where(r => r.TargetMs == target).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Label(target)} | {Median(mine.Select(r => r.Seconds)):F2} s ({mine.Min(r => r.Seconds):F2}–{mine.Max(r => r.Seconds):F2}) | {Median(mine.Select(r => r.RowsSet / r.Seconds)):N0} | {Median(mine.Select(r => r.P50)):F1} ms | {Median(mine.Select(r => r.P99)):F1} ms ({mine.Min(r => r.P99):F1}–{mine.Max(r => r.P99):F1}) | {Median(mine.Select(r => (double)r.Batches)):F0} | {Median(mine.SelectMany(r => r.Sizes).Select(s => (double)s)):F0} |"));
        }
    }

    /// <summary>min / median / max of the batch sizes a run used, and the last one.</summary>
    public static string Describe(IReadOnlyList<int> sizes) =>
        sizes.Count == 0
            ? "none"
            : string.Create(CultureInfo.InvariantCulture, $"min {sizes.Min()}, median {Median(sizes.Select(s => (double)s)):F0}, max {sizes.Max()}, last {sizes[^1]}");

    private static string Label(int target) => target > 0 ? target + " ms" : "fixed";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
