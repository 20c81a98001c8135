using MySqlConnector;
using OrgScope.Runtime.Connection;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// Several workers on one run: in one process, in several processes SIGKILLed at random batches, a worker that hangs
/// past its lease. Each ends with every row as a single-worker run leaves it, every written value audited once, and
/// every table started only after the tables its sources read from were done.
/// </summary>
[Collection("MariaDB")]
public sealed class WorkerTests(MariaDbServer server)
{
    private const int RangeRows = 150; // a table of 2,000 rows: 14 ranges

    [Fact]
    public async Task Four_workers_in_one_process_share_every_table_in_ranges_and_end_as_one_worker_does()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_workers", 2000, 51);
        await using var _ = db;
        var single = await SingleWorkerStateAsync(2000, 51);
        var batches = new List<BatchProgress>();

        // Workers that wait (for users, which tasks reads) look again every 50 ms: these tables take a second or less.
        var options = SampleDatabase.FixedBatches with { ThrottleDelay = TimeSpan.FromMilliseconds(50) };
        var summary = await new Runbook(plan, db.ConnectionString, options).BackfillAsync(
            new BackfillOptions { BatchSize = 40, Workers = 4, RangeRows = RangeRows },
            new SyncProgress<BatchProgress>(p => { if (p.ThrottledFor is null) batches.Add(p); }));

        Assert.False(summary.Cancelled);
        Assert.Equal("completed", await db.ScalarAsync($"SELECT status FROM orgscope_runs WHERE run_id = {summary.RunId}"));
        await AssertSameAsSingleWorkerAsync(db, single);
        var owners = Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(DISTINCT owner) FROM orgscope_ranges WHERE table_name = 'tasks' AND kind = 'main'"));
        var ranges = Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM orgscope_ranges WHERE table_name = 'tasks' AND kind = 'main'"));
        Assert.True(ranges >= 10 && owners >= 2, $"tasks: {ranges} ranges done by {owners} worker(s)");
        AssertDependencyOrder(plan, batches);
    }

    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    public async Task Three_processes_of_two_workers_each_killed_at_random_batches_then_resumed_end_as_one_worker_does(int seed)
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_wcrash", 2000, seed);
        await using var _ = db;
        var single = await SingleWorkerStateAsync(2000, seed);
        var planFile = Path.Combine(Path.GetTempPath(), $"orgscope-plan-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(planFile, SamplePlan.Json());
        try
        {
            // ~110 batches of 40 over six tables, shared by three processes; each is killed somewhere in its first 30
            // batches, or (one in four) left to finish.
            var random = new Random(seed);
            var kills = Enumerable.Range(0, 3).Select(_ => random.Next(4) == 0 ? (int?)null : random.Next(1, 30)).ToList();
            var children = kills.Select(k => ChildBackfill.RunAsync(planFile, db.ConnectionString, batchSize: 40, k, workers: 2, RangeRows)).ToList();
            await Task.WhenAll(children);

            // What is left: a fourth process. Ranges of killed workers are taken over at once (their process's liveness
            // lock went with it), not after the 60 s lease: a resume that has to wait for leases runs out of time here.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
            var summary = await new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches).BackfillAsync(
                new BackfillOptions { BatchSize = 40, Workers = 2, RangeRows = RangeRows }, cancellationToken: timeout.Token);

            Assert.False(summary.Cancelled, "the resumed run waited for the leases of killed workers to expire");
            // One run did it all (when a child was left to finish, the resume finds that run completed and starts an
            // empty one).
            Assert.Equal(1L, Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(DISTINCT run_id) FROM orgscope_audit WHERE rows_written > 0")));
            Assert.Equal(0L, Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM orgscope_runs WHERE status <> 'completed'")));
            await AssertSameAsSingleWorkerAsync(db, single);
        }
        finally
        {
            File.Delete(planFile);
        }
    }

    [Fact]
    public async Task A_worker_that_hangs_past_its_lease_loses_its_range_to_another_which_goes_on_from_its_checkpoint()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_lease", 1500, 71);
        await using var _ = db;
        var single = await SingleWorkerStateAsync(1500, 71);
        var options = new BackfillOptions { BatchSize = 50, Tables = ["users", "tasks"], LeaseTimeout = TimeSpan.FromSeconds(2) };
        var taken = new TaskCompletionSource();

        // A hangs after its 3rd tasks batch (committed; its lease held, no lock held) until B has taken the range over.
        var hanging = new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches).BackfillAsync(options, new SyncProgress<BatchProgress>(p =>
        {
            if (p.Table == "tasks" && p.ThrottledFor is null && p.BatchNumber == 3)
            {
                taken.Task.Wait(TimeSpan.FromSeconds(30));
            }
        }));
        await WaitUntilAsync(db, "SELECT COUNT(*) FROM orgscope_ranges WHERE table_name = 'tasks' AND batch_no = 3");
        var waits = new List<BatchProgress>();
        var other = new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches).BackfillAsync(options, new SyncProgress<BatchProgress>(p =>
        {
            if (p.Phase == "waiting")
            {
                waits.Add(p);
            }

            if (p.Table == "tasks" && p.ThrottledFor is null)
            {
                taken.TrySetResult();
            }
        }));

        var b = await other;
        var a = await hanging;

        Assert.Equal(a.RunId, b.RunId);
        Assert.Contains(waits, w => w.Table == "tasks" && w.ThrottleReason!.Contains("being done by other workers", StringComparison.Ordinal));
        Assert.True(Convert.ToInt64(await db.ScalarAsync("SELECT MAX(claims) FROM orgscope_ranges WHERE table_name = 'tasks'")) >= 2);
        Assert.True(b.Tables.Single(t => t.Table == "tasks").RowsScanned > 0, "B did none of the range it took over");
        await AssertSameAsSingleWorkerAsync(db, single, tables: ["users", "tasks"]);
    }

    [Fact]
    public async Task Restart_is_refused_while_a_worker_holds_a_live_lease_in_the_run()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_busyrestart", 400, 72);
        await using var _ = db;
        var release = new TaskCompletionSource();
        var working = new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches).BackfillAsync(
            new BackfillOptions { BatchSize = 50 },
            new SyncProgress<BatchProgress>(p => { if (p.Table == "tasks" && p.ThrottledFor is null) release.Task.Wait(TimeSpan.FromSeconds(30)); }));
        await WaitUntilAsync(db, "SELECT COUNT(*) FROM orgscope_ranges WHERE table_name = 'tasks' AND batch_no >= 1");

        var refused = await Assert.ThrowsAsync<OperatorException>(() =>
            new Runbook(plan, db.ConnectionString).BackfillAsync(new BackfillOptions { Restart = true }));
        release.SetResult();
        await working;

        Assert.Equal(FailureKind.Refused, refused.Kind);
        Assert.Contains("/w1", refused.Message);
        Assert.Equal(1L, Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM orgscope_runs")));
    }

    // The same data, backfilled by one worker (the yardstick), as table:row_key → organization and unresolved.
    private async Task<SampleState> SingleWorkerStateAsync(int tasks, int seed)
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_single", tasks, seed);
        await using var _ = db;
        await new Runbook(plan, db.ConnectionString).BackfillAsync();
        return await SampleState.ReadAsync(db);
    }

    private static async Task AssertSameAsSingleWorkerAsync(TestDatabase db, SampleState single, string[]? tables = null)
    {
        var actual = await SampleState.ReadAsync(db);
        bool Mine(string key) => tables is null || tables.Any(t => key.StartsWith(t + ":", StringComparison.Ordinal));
        Assert.Equal(single.Orgs.Where(o => Mine(o.Key)), actual.Orgs.Where(o => Mine(o.Key)));
        Assert.Equal(single.Unresolved.Where(o => Mine(o.Key)), actual.Unresolved.Where(o => Mine(o.Key)));
        await AuditInvariants.AssertAsync(db);
    }

    // A table's first batch comes after the last batch of every table its sources read from.
    private static void AssertDependencyOrder(Plan.PlanDocument plan, List<BatchProgress> batches)
    {
        foreach (var table in plan.Tables)
        {
            var first = batches.FindIndex(b => b.Table == table.Table);
            foreach (var dependency in table.DependsOn)
            {
                var last = batches.FindLastIndex(b => b.Table == dependency);
                Assert.True(first > last, $"{table.Table} started (report {first}) before {dependency} was done (its last batch: report {last})");
            }
        }
    }

    private static async Task WaitUntilAsync(TestDatabase db, string countQuery)
    {
        for (var i = 0; i < 300; i++)
        {
            if (Convert.ToInt64(await db.ScalarAsync(countQuery)) > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException(countQuery);
    }
}
