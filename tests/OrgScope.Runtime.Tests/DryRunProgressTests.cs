using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>The dry run's progress counts against the table's size, so its bar and ETA move (its total was the rows done).</summary>
[Collection("MariaDB")]
public sealed class DryRunProgressTests(MariaDbServer server)
{
    [Fact]
    public async Task The_dry_runs_total_is_the_tables_rows_not_the_rows_done_so_far()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "dry_total", 1500, 51);
        await using var _ = db;
        await db.ExecuteScriptAsync("ANALYZE TABLE tasks");
        var rows = Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM tasks"));
        var reports = new List<BatchProgress>();

        await new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches).BackfillAsync(
            new BackfillOptions { DryRun = true, BatchSize = 250 }, new SyncProgress<BatchProgress>(reports.Add));

        var tasks = reports.Where(r => r.Table == "tasks" && r.Phase == "dry-run").ToList();
        Assert.Equal(250L, tasks[0].RowsDone);
        Assert.InRange(tasks[0].RowsTotal, rows / 2, rows * 2);
        Assert.NotNull(tasks[0].Eta);
        Assert.Equal(rows, tasks[^1].RowsDone);
        Assert.True(tasks[^1].RowsTotal >= rows);
    }
}
