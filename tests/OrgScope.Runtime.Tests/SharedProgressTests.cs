using OrgScope.Runtime.Engine.Backfill;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// Progress shared by a process's workers: workers held back for the same reason on the same table print as one
/// worker does (one line per throttle delay); everything else passes, each report once.
/// </summary>
public sealed class SharedProgressTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void Four_workers_throttled_for_one_reason_print_one_line_per_delay_as_one_worker_does()
    {
        var (progress, seen, clock) = Shared();

        // Two rounds of four workers asking the gate 10 ms apart, one delay apart.
        foreach (var round in new[] { 0L, 500L })
        {
            for (var worker = 0; worker < 4; worker++)
            {
                clock.Ms = round + (worker * 10);
                progress.Report(Throttled("tasks", "throttled", "server busy: Threads_running 30 is above the limit of 25", clock.Ms));
            }
        }

        Assert.Equal([0L, 500L], seen.Select(p => p.At));
    }

    [Fact]
    public void One_worker_still_prints_each_wait_and_a_new_reason_another_table_or_a_batch_passes_at_once()
    {
        var (progress, seen, clock) = Shared();
        var batch = new BatchProgress("tasks", "main", 1, 1, 100, 1000, 80, 20, 1000, null, TimeSpan.FromMilliseconds(30), 1, BatchSize: 100);

        foreach (var at in new[] { 0L, 500L, 1000L })
        {
            clock.Ms = at;
            progress.Report(Throttled("tasks", "throttled", "replica db2:3306 lag 4.2 s is above 1.5 s", at));
        }

        clock.Ms = 1010;
        progress.Report(Throttled("tasks", "throttled", "replica db2:3306 lag 4.7 s is above 1.5 s", 1010));
        progress.Report(Throttled("users", "throttled", "replica db2:3306 lag 4.7 s is above 1.5 s", 1010));
        progress.Report(Throttled("tasks", "waiting", "its last 2 range(s) are being done by other workers", 1010));
        progress.Report(batch);
        progress.Report(batch);

        Assert.Equal(
            [
                ("tasks", "throttled", 0L), ("tasks", "throttled", 500L), ("tasks", "throttled", 1000L),
                ("tasks", "throttled", 1010L), ("users", "throttled", 1010L), ("tasks", "waiting", 1010L),
                ("tasks", "main", -1L), ("tasks", "main", -1L),
            ],
            seen.Select(p => (p.Report.Table, p.Report.Phase, p.At)));
    }

    private static (SharedProgress Progress, List<(BatchProgress Report, long At)> Seen, Clock Clock) Shared()
    {
        var seen = new List<(BatchProgress, long)>();
        var clock = new Clock();
        var progress = new SharedProgress(
            new SyncProgress<BatchProgress>(p => seen.Add((p, p.ThrottledFor is { } waited ? (long)waited.TotalMilliseconds : -1))),
            Delay,
            () => clock.Ms);
        return (progress, seen, clock);
    }

    // ThrottledFor carries the report's time here, so that what passed can be told apart.
    private static BatchProgress Throttled(string table, string phase, string reason, long at) =>
        new(table, phase, 1, 0, 0, 1000, 0, 0, 0, null, TimeSpan.Zero, 0, TimeSpan.FromMilliseconds(at), reason);

    private sealed class Clock
    {
        public long Ms { get; set; }
    }
}
