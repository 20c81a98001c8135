using System.Collections.Concurrent;
using OrgScope.Runtime.Connection;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// <c>backfill --follow</c>: after the backfill, the rows the old code keeps inserting without an organization are
/// swept every interval until it is stopped, each ending with what a backfill gives it (under both conflict policies),
/// audited under the follow's own run; it runs under the same throttles as the backfill.
/// </summary>
[Collection("MariaDB")]
public sealed class FollowTests(MariaDbServer server)
{
    [Theory]
    [InlineData("Report")]
    [InlineData("FirstSourceWins")]
    public async Task Rows_the_old_code_inserts_while_it_follows_end_with_what_the_backfill_gives_them_even_a_row_written_before_the_row_it_points_at(string policy)
    {
        var plan = OldCodeRows.Plan(policy, insertTriggers: false);
        var (db, _) = await SampleDatabase.CreateAsync(server, "follow_" + policy, 200, 61, migrate: false);
        await using var __ = db;
        await new Runbook(plan, db.ConnectionString).MigrateAsync();
        var backfill = await new Runbook(plan, db.ConnectionString).BackfillAsync();
        var backfillsRecords = await CountAsync(db, $"SELECT COUNT(*) FROM orgscope_unresolved WHERE run_id = {backfill.RunId}");

        // A round of sweeps starts with the first table in run order: counting those counts rounds.
        var first = plan.Tables[0].Table;
        var rounds = 0;
        var runbook = new Runbook(plan, db.ConnectionString)
        {
            BeforeStatement = e =>
            {
                if (e.Table == first && e.Statement == "follow_keys_first")
                {
                    Interlocked.Increment(ref rounds);
                }

                return Task.CompletedTask;
            },
        };
        using var stop = new CancellationTokenSource();
        var reports = new ConcurrentQueue<BatchProgress>();
        var following = Task.Run(() => runbook.FollowAsync(
            new FollowOptions { Interval = TimeSpan.FromMilliseconds(100) }, progress: new SyncProgress<BatchProgress>(reports.Enqueue), cancellationToken: stop.Token));

        // The old code writes the rows that point at new users first (the legacy schema has no foreign keys): a whole
        // round sees them pointing at nothing; then the users and their memberships.
        await db.ExecuteScriptAsync(OldCodeRows.Children);
        await NextFullRoundAsync(() => Volatile.Read(ref rounds));
        var whileTheUserWasMissing = await db.ScalarAsync("SELECT reason FROM orgscope_unresolved WHERE table_name = 'tasks' AND row_key = '90102'");
        await db.ExecuteScriptAsync(OldCodeRows.Parents);
        await NextFullRoundAsync(() => Volatile.Read(ref rounds));
        stop.Cancel();
        var summary = await following;
        var byFollow = await OldCodeRows.OrganizationsAsync(db);
        var followRun = summary.RunId!.Value;
        var recorded = (await db.QueryScriptAsync($"SELECT CONCAT(table_name, ' ', row_key, ' ', reason) FROM orgscope_unresolved WHERE run_id = {followRun} ORDER BY 1"))[0].Rows.Select(r => (string)r[0]!).ToList();
        var statusWhenStopped = await db.ScalarAsync($"SELECT status FROM orgscope_runs WHERE run_id = {followRun}");
        var emptyAuditRows = await CountAsync(db, $"SELECT COUNT(*) FROM orgscope_audit WHERE run_id = {followRun} AND rows_written = 0");

        // What a backfill gives the same rows: undo the follow run, and run the backfill again.
        var rolledBack = await runbook.RollbackAsync(followRun);
        var afterRollback = await OldCodeRows.OrganizationsAsync(db);
        var backfillsRecordsAfter = await CountAsync(db, $"SELECT COUNT(*) FROM orgscope_unresolved WHERE run_id = {backfill.RunId}");
        await new Runbook(plan, db.ConnectionString).BackfillAsync(new BackfillOptions { Restart = true });
        var byBackfill = await OldCodeRows.OrganizationsAsync(db);

        Assert.Equal("orphan_reference", whileTheUserWasMissing);
        Assert.Equal(byBackfill, byFollow);
        OldCodeRows.AssertMeaningful(byFollow, policy);
        Assert.Equal("completed", statusWhenStopped);
        // The sweeps that tried the rows pointing at missing users again (every round until the users came) wrote
        // nothing for them and kept no empty audit row.
        Assert.Equal(0L, emptyAuditRows);
        Assert.Equal(byFollow.Count(r => r.Value is not null), summary.Tables.Sum(t => t.RowsSet));
        Assert.True(byFollow.Count(r => r.Value is null) == summary.Tables.Sum(t => t.RowsUnresolved), string.Join("\n", recorded));
        Assert.Contains(reports, r => r.Phase == "follow" && r.Table == "tasks" && r.RowsSet > 0);
        // The backfill's own records of rows for a person were neither taken over nor dropped by the follow or its rollback.
        Assert.Equal(backfillsRecords, backfillsRecordsAfter);
        Assert.Equal(byFollow.Count(r => r.Value is not null), rolledBack.Tables.Sum(t => t.Restored));
        Assert.All(afterRollback.Values, Assert.Null);
    }

    [Fact]
    public async Task It_runs_under_the_backfills_throttles_an_unreachable_replica_holds_it_back_and_a_stop_still_ends_it()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "follow_throttled", 50, 62);
        await using var _ = db;
        await new Runbook(plan, db.ConnectionString).BackfillAsync();
        await db.ExecuteScriptAsync("INSERT INTO tasks (id, title, assigned_to) VALUES (97001, 'old code', (SELECT MIN(id) FROM users WHERE organization_id IS NOT NULL))");
        var options = new RunbookOptions
        {
            MaxThreadsRunning = 0,
            MaxReplicaLag = TimeSpan.FromSeconds(1),
            ThrottleDelay = TimeSpan.FromMilliseconds(50),
            Replicas = [$"Server=127.0.0.1;Port={Ports.Closed()};User ID=orgscope;Password=x"],
        };
        using var stop = new CancellationTokenSource();
        var reports = new ConcurrentQueue<BatchProgress>();

        var summary = await new Runbook(plan, db.ConnectionString, options).FollowAsync(
            new FollowOptions { Interval = TimeSpan.FromMilliseconds(100) },
            progress: new SyncProgress<BatchProgress>(p =>
            {
                reports.Enqueue(p);
                if (reports.Count == 3)
                {
                    stop.Cancel();
                }
            }),
            cancellationToken: stop.Token);

        Assert.All(reports, p => Assert.Matches(@"^replica 127\.0\.0\.1:\d+ unreachable .*: waiting until it answers$", p.ThrottleReason));
        Assert.Null(await db.ScalarAsync("SELECT organization_id FROM tasks WHERE id = 97001"));
        Assert.Equal(0L, await CountAsync(db, $"SELECT COUNT(*) FROM orgscope_audit WHERE run_id = {summary.RunId}"));
        Assert.Equal("completed", await db.ScalarAsync($"SELECT status FROM orgscope_runs WHERE run_id = {summary.RunId}"));
    }

    [Fact]
    public async Task A_follow_that_was_killed_is_marked_abandoned_by_the_next_follow_while_a_live_one_is_left_following()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "follow_killed", 50, 63);
        await using var _ = db;
        await new Runbook(plan, db.ConnectionString).BackfillAsync();
        async Task<long> FollowRunAsync(string startedAgo)
        {
            await db.ExecuteScriptAsync($"INSERT INTO orgscope_runs (status, batch_size, tables, started_at) VALUES ('following', 100, 'tasks', CURRENT_TIMESTAMP(6) - INTERVAL {startedAgo})");
            return await CountAsync(db, "SELECT MAX(run_id) FROM orgscope_runs");
        }

        // A follow killed an hour ago (its lock went with its connection), one alive on another machine (its lock held
        // here), and one killed a moment after it started (younger than the minute a new run may take to lock).
        var killed = await FollowRunAsync("1 HOUR");
        var live = await FollowRunAsync("1 HOUR");
        var young = await FollowRunAsync("1 SECOND");
        await using var otherMachine = new MySqlConnector.MySqlConnection(db.ConnectionString);
        await otherMachine.OpenAsync();
        await using (var take = new MySqlConnector.MySqlCommand($"SELECT GET_LOCK('orgscope.follow.{live}', 0)", otherMachine))
        {
            Assert.Equal(1L, Convert.ToInt64(await take.ExecuteScalarAsync()));
        }

        using var stop = new CancellationTokenSource();
        var following = Task.Run(() => new Runbook(plan, db.ConnectionString).FollowAsync(
            new FollowOptions { Interval = TimeSpan.FromMilliseconds(100) }, cancellationToken: stop.Token));
        long lockFreeWhileItRan = -1;
        for (var waited = 0; waited < 600 && lockFreeWhileItRan < 0; waited++)
        {
            if (await db.ScalarAsync($"SELECT MAX(run_id) FROM orgscope_runs WHERE status = 'following' AND run_id > {young}") is { } id &&
                await db.ScalarAsync($"SELECT IS_FREE_LOCK('orgscope.follow.{id}')") is { } free)
            {
                lockFreeWhileItRan = Convert.ToInt64(free);
            }

            await Task.Delay(100);
        }

        stop.Cancel();
        var summary = await following;

        Assert.Equal(0L, lockFreeWhileItRan);
        Assert.Equal("abandoned", await db.ScalarAsync($"SELECT status FROM orgscope_runs WHERE run_id = {killed}"));
        Assert.Equal("following", await db.ScalarAsync($"SELECT status FROM orgscope_runs WHERE run_id = {live}"));
        Assert.Equal("following", await db.ScalarAsync($"SELECT status FROM orgscope_runs WHERE run_id = {young}"));
        Assert.Equal("completed", await db.ScalarAsync($"SELECT status FROM orgscope_runs WHERE run_id = {summary.RunId}"));
        Assert.Equal(1L, await CountAsync(db, $"SELECT IS_FREE_LOCK('orgscope.follow.{summary.RunId}')"));
    }

    // Waits until a round of sweeps has started and ended after now: the round that starts after the second one from now.
    private static async Task NextFullRoundAsync(Func<int> rounds)
    {
        var target = rounds() + 2;
        for (var waited = TimeSpan.Zero; rounds() < target; waited += TimeSpan.FromMilliseconds(50))
        {
            Assert.True(waited < TimeSpan.FromSeconds(60), $"the follow did not sweep every table within 60 s (round {rounds()}, waiting for {target})");
            await Task.Delay(50);
        }
    }

    private static async Task<long> CountAsync(TestDatabase db, string sql) => Convert.ToInt64(await db.ScalarAsync(sql));
}
