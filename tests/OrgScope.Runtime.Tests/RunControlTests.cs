using OrgScope.Runtime.Connection;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>Cancellation, resume and restart, progress, concurrent application writes, rollback.</summary>
[Collection("MariaDB")]
public sealed class RunControlTests(MariaDbServer server)
{
    [Fact]
    public async Task Cancellation_commits_the_batch_in_flight_and_the_next_backfill_resumes_the_run()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_cancel", 2000, 21);
        await using var _ = db;
        var expected = await SampleState.ExpectAsync(db);
        var nullTasks = Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM tasks WHERE organization_id IS NULL"));
        using var cancel = new CancellationTokenSource();
        var reports = new List<BatchProgress>();
        var progress = new SyncProgress<BatchProgress>(p =>
        {
            reports.Add(p);
            if (p.Table == "tasks" && p.BatchNumber == 4)
            {
                cancel.Cancel();
            }
        });

        var first = await new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches).BackfillAsync(new BackfillOptions { BatchSize = 150 }, progress, cancel.Token);

        Assert.True(first.Cancelled);
        Assert.Equal("cancelled", await db.ScalarAsync($"SELECT status FROM orgscope_runs WHERE run_id = {first.RunId}"));
        Assert.Equal("600", await db.ScalarAsync($"SELECT last_key FROM orgscope_ranges WHERE run_id = {first.RunId} AND table_name = 'tasks'"));
        var last = reports[^1];
        Assert.Equal(("tasks", 4L, 600L), (last.Table, last.BatchNumber, last.RowsDone));
        Assert.True(last.RowsTotal >= last.RowsDone && last.RowsPerSecond > 0 && last.BatchDuration > TimeSpan.Zero);
        // The total is the optimizer's estimate of the NULL rows (what the main pass visits), not the table's size.
        Assert.InRange(reports.First(r => r.Table == "tasks").RowsTotal, nullTasks / 2, nullTasks * 2);

        var second = await new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches).BackfillAsync(new BackfillOptions { BatchSize = 150 });

        Assert.True(second.Resumed);
        Assert.Equal(first.RunId, second.RunId);
        Assert.Equal("completed", await db.ScalarAsync($"SELECT status FROM orgscope_runs WHERE run_id = {first.RunId}"));
        await FaultTests.AssertCompleteAsync(db, expected);
    }

    [Fact]
    public async Task Restart_abandons_the_unfinished_run_and_starts_a_new_one_from_the_first_key()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_restart", 1500, 22);
        await using var _ = db;
        var expected = await SampleState.ExpectAsync(db);
        using var cancel = new CancellationTokenSource();
        var first = await new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches).BackfillAsync(
            new BackfillOptions { BatchSize = 100 }, new SyncProgress<BatchProgress>(p => { if (p.Table == "tasks") cancel.Cancel(); }), cancel.Token);

        var second = await new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches).BackfillAsync(new BackfillOptions { BatchSize = 100, Restart = true });

        Assert.NotEqual(first.RunId, second.RunId);
        Assert.False(second.Resumed);
        Assert.Equal("abandoned", await db.ScalarAsync($"SELECT status FROM orgscope_runs WHERE run_id = {first.RunId}"));
        Assert.Equal(1L, Convert.ToInt64(await db.ScalarAsync($"SELECT COUNT(*) FROM orgscope_checkpoints WHERE run_id = {second.RunId} AND table_name = 'users' AND phase = 'done'")));
        await FaultTests.AssertCompleteAsync(db, expected);
    }

    [Fact]
    public async Task Rows_inserted_and_updated_while_the_run_goes_are_backfilled_before_it_ends()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_concurrent", 2000, 23);
        await using var _ = db;
        var good = Convert.ToInt64(await db.ScalarAsync(
            "SELECT MIN(u.id) FROM users u JOIN user_organizations m ON m.user_id = u.id AND m.is_primary = 1 " +
            "WHERE u.current_organization_id = m.organization_id AND (SELECT COUNT(*) FROM user_organizations x WHERE x.user_id = u.id AND x.is_primary = 1) = 1"));
        var writes = 0;
        var progress = new SyncProgress<BatchProgress>(p =>
        {
            // The application keeps writing while the backfill runs (synchronously here, between two batches):
            // new tasks at the end of the key range, a task ahead of the cursor re-assigned, and user_rewards grants
            // inserted behind the composite-key cursor, which only the sweep can find.
            if (p.Table == "tasks" && p.Phase == "main" && p.BatchNumber == 2)
            {
                db.ExecuteScriptAsync($"INSERT INTO tasks (title, assigned_to) VALUES ('new 1', {good}), ('new 2', {good}), ('new 3', NULL); " +
                                      $"UPDATE tasks SET assigned_to = {good} WHERE id = 1900").GetAwaiter().GetResult();
                writes++;
            }

            if (p.Table == "user_rewards" && p.Phase == "main" && p.BatchNumber == 2)
            {
                db.ExecuteScriptAsync($"INSERT IGNORE INTO user_rewards (user_id, reward_id, granted_at) " +
                                      $"SELECT {good}, r.id, NOW() FROM rewards r WHERE r.created_by = {good}; " +
                                      $"INSERT INTO user_rewards (user_id, reward_id, granted_at) VALUES (0, 1, NOW())").GetAwaiter().GetResult();
                writes++;
            }
        });

        await new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches).BackfillAsync(new BackfillOptions { BatchSize = 100 }, progress);

        Assert.Equal(2, writes);
        Assert.Equal("orphan_reference", await db.ScalarAsync("SELECT reason FROM orgscope_unresolved WHERE table_name = 'user_rewards' AND row_key = '0,1'"));
        var expected = await SampleState.ExpectAsync(db); // from the final source tables, written rows included
        var actual = await SampleState.ReadAsync(db);
        Assert.Equal(expected.Orgs, actual.Orgs);
        Assert.Equal(expected.Unresolved, actual.Unresolved);
    }

    [Fact]
    public async Task Rollback_restores_the_checksums_and_leaves_a_row_the_app_changed_alone_and_reported()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_rollback", 2000, 24);
        await using var _ = db;
        var before = await SampleDatabase.ChecksumsAsync(db, SampleDatabase.AppTables);
        var runbook = new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches);
        var run = await runbook.BackfillAsync(new BackfillOptions { BatchSize = 300 });
        Assert.NotEqual(before, await SampleDatabase.ChecksumsAsync(db, SampleDatabase.AppTables));

        var changedId = Convert.ToInt64(await db.ScalarAsync("SELECT MIN(id) FROM tasks WHERE organization_id IS NOT NULL"));
        var written = Convert.ToInt64(await db.ScalarAsync($"SELECT organization_id FROM tasks WHERE id = {changedId}"));
        await db.ExecuteScriptAsync($"UPDATE tasks SET organization_id = {written + 1000} WHERE id = {changedId}");

        var rollback = await runbook.RollbackAsync(run.RunId!.Value, batchSize: 250);

        var tasks = rollback.Tables.Single(t => t.Table == "tasks");
        var changed = Assert.Single(tasks.ChangedSince);
        Assert.Equal((changedId.ToString(), (written + 1000).ToString(), written.ToString()), (changed.RowKey, changed.CurrentValue, changed.WrittenValue));
        Assert.Equal(tasks.Audited - 1, tasks.Restored);
        Assert.Equal(written + 1000, Convert.ToInt64(await db.ScalarAsync($"SELECT organization_id FROM tasks WHERE id = {changedId}")));
        Assert.Equal("rolled_back", await db.ScalarAsync($"SELECT status FROM orgscope_runs WHERE run_id = {run.RunId}"));

        await db.ExecuteScriptAsync($"UPDATE tasks SET organization_id = NULL WHERE id = {changedId}"); // the person undoes the app's change
        Assert.Equal(before, await SampleDatabase.ChecksumsAsync(db, SampleDatabase.AppTables));
        var again = await Assert.ThrowsAsync<OperatorException>(() => runbook.RollbackAsync(run.RunId!.Value));
        Assert.Equal(FailureKind.Refused, again.Kind);
    }
}
