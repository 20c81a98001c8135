using OrgScope.Runtime.Engine.Throttling;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// The throttle seam: every batch-driven command (backfill, dry run, rollback) waits while a throttle says so, and its
/// progress says why. The Threads_running throttle on a real server; the gate's own logic with scripted throttles.
/// </summary>
[Collection("MariaDB")]
public sealed class ThrottleTests(MariaDbServer server)
{
    private static readonly RunbookOptions Busy = new() { MaxThreadsRunning = 2, ThrottleDelay = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task Backfill_dry_run_and_rollback_each_wait_while_threads_running_is_above_the_limit_and_say_why()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_throttle", 300, 33);
        await using var _ = db;
        var expected = await SampleState.ExpectAsync(db);
        var runbook = new Runbook(plan, db.ConnectionString, Busy);

        var dry = await ThrottledAsync(db, p => runbook.BackfillAsync(new BackfillOptions { DryRun = true, BatchSize = 100 }, p));
        var backfill = await ThrottledAsync(db, p => runbook.BackfillAsync(new BackfillOptions { BatchSize = 100 }, p));
        await FaultTests.AssertCompleteAsync(db, expected);
        var rollback = await ThrottledAsync(db, p => runbook.RollbackAsync(backfill.Result.RunId!.Value, p, batchSize: 100));

        Assert.Equal(0, Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM tasks WHERE organization_id IS NOT NULL")));
        foreach (var reports in new[] { dry.Throttled, backfill.Throttled, rollback.Throttled })
        {
            Assert.NotEmpty(reports);
            Assert.All(reports, p =>
            {
                Assert.Equal("throttled", p.Phase);
                Assert.NotNull(p.ThrottledFor);
                Assert.Matches(@"^server busy: Threads_running \d+ is above the limit of 2$", p.ThrottleReason);
            });
        }
    }

    // Two sessions busy for ~1.5 s: with the throttle's own status query, Threads_running is at least 3 > 2.
    private static async Task<(T Result, List<BatchProgress> Throttled)> ThrottledAsync<T>(TestDatabase db, Func<IProgress<BatchProgress>, Task<T>> run)
    {
        var busy = Enumerable.Range(0, 2).Select(_ => db.ScalarAsync("SELECT SLEEP(1.5)")).ToList();
        await Task.Delay(200);
        var throttled = new List<BatchProgress>();
        var result = await run(new SyncProgress<BatchProgress>(p => { if (p.ThrottledFor is not null) throttled.Add(p); }));
        await Task.WhenAll(busy);
        return (result, throttled);
    }

    [Fact]
    public async Task The_gate_asks_again_after_the_delay_reports_every_reason_and_how_long_it_waited()
    {
        var load = new Scripted("Threads_running 30", "Threads_running 28", null);
        var lag = new Scripted("replica r1 lag 3.0 s", null, null);
        var waits = new List<ThrottleWait>();
        await using var gate = new ThrottleGate(new AllThrottles([load, lag]), TimeSpan.FromMilliseconds(20));

        await gate.WaitAsync(waits.Add, CancellationToken.None);

        Assert.Equal(
            [("Threads_running 30; replica r1 lag 3.0 s", 0.0), ("Threads_running 28", 20.0)],
            waits.Select(w => (w.Reason, w.WaitedSoFar.TotalMilliseconds)));
        Assert.Equal((3, 3), (load.Asked, lag.Asked));
    }

    [Fact]
    public async Task The_gate_returns_when_cancelled_while_a_throttle_says_wait()
    {
        using var cancel = new CancellationTokenSource();
        var waits = 0;
        await using var gate = new ThrottleGate(new Scripted(Enumerable.Repeat<string?>("busy", 1000).ToArray()), TimeSpan.FromMilliseconds(10));

        await gate.WaitAsync(_ => { if (++waits == 3) cancel.Cancel(); }, cancel.Token);

        Assert.Equal(3, waits);
    }

    /// <summary>A throttle whose answers are given in advance (null: go); the last answer repeats.</summary>
    private sealed class Scripted(params string?[] answers) : IThrottle
    {
        public int Asked { get; private set; }

        public ValueTask<ThrottleVerdict> CheckAsync(CancellationToken cancellationToken)
        {
            var answer = answers[Math.Min(Asked++, answers.Length - 1)];
            return ValueTask.FromResult(answer is null ? ThrottleVerdict.Go : ThrottleVerdict.Wait(answer));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
