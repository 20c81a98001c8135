using OrgScope.Runtime.Connection;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// A database migrated by a build with the per-row audit (run, table, row_key, old, new, source): migrate replaces the
/// table while it is empty; with rows, nothing is dropped and migrate, backfill and rollback each say what to do.
/// </summary>
[Collection("MariaDB")]
public sealed class AuditLayoutTests(MariaDbServer server)
{
    private const string PerRowAudit =
        "DROP TABLE orgscope_audit; CREATE TABLE orgscope_audit (run_id BIGINT NOT NULL, table_name VARCHAR(64) NOT NULL, row_key VARCHAR(255) NOT NULL, " +
        "batch_no INT NOT NULL, old_value BIGINT NULL, new_value BIGINT NULL, source VARCHAR(255) NOT NULL, PRIMARY KEY (run_id, table_name, row_key))";

    [Fact]
    public async Task Migrate_replaces_an_empty_per_row_audit_table()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_layout_empty", 100, 61);
        await using var _ = db;
        await db.ExecuteScriptAsync(PerRowAudit);

        var refused = await Assert.ThrowsAsync<OperatorException>(() => new Runbook(plan, db.ConnectionString).BackfillAsync());
        Assert.Equal((FailureKind.Schema, "orgscope_audit has the per-row layout of an earlier OrgScope build: run `orgscope migrate`, which replaces it (it is empty)."),
            (refused.Kind, refused.Message));

        var migrated = await new Runbook(plan, db.ConnectionString).MigrateAsync();
        Assert.Equal(["orgscope_audit"], migrated.CreatedTables);
        Assert.Contains("`written`", await db.ShowCreateTableAsync("orgscope_audit"));
        var run = await new Runbook(plan, db.ConnectionString).BackfillAsync();
        Assert.True(run.Tables.Sum(t => t.RowsSet) > 0);
    }

    [Fact]
    public async Task A_per_row_audit_table_with_rows_is_kept_and_every_command_says_what_to_do()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_layout_rows", 100, 62);
        await using var _ = db;
        await db.ExecuteScriptAsync(PerRowAudit + "; INSERT INTO orgscope_audit VALUES (1, 'tasks', '1', 1, NULL, 7, 'AssignedTo')");
        var runbook = new Runbook(plan, db.ConnectionString);

        foreach (var command in new Func<Task>[] { () => runbook.MigrateAsync(), () => runbook.BackfillAsync(), () => runbook.RollbackAsync(1) })
        {
            var error = await Assert.ThrowsAsync<OperatorException>(command);
            Assert.Equal(FailureKind.Schema, error.Kind);
            Assert.StartsWith("orgscope_audit holds 1 row(s) in the per-row layout of an earlier OrgScope build: roll its runs back with that build, or keep them by renaming the table", error.Message);
        }

        Assert.Equal(1L, Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM orgscope_audit WHERE row_key = '1'")));
        Assert.Equal(0L, Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM tasks WHERE organization_id IS NOT NULL")));
    }
}
