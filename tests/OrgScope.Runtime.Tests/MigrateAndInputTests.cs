using OrgScope.Runtime.Connection;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>Migrate's idempotence, and refusals on bad input (nothing written).</summary>
[Collection("MariaDB")]
public sealed class MigrateAndInputTests(MariaDbServer server)
{
    [Fact]
    public async Task A_second_migrate_changes_nothing()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_migrate", 200, 31);
        await using var _ = db;
        var before = await db.ShowCreateTablesAsync();
        Assert.Contains("orgscope_audit", before.Keys);
        Assert.Contains("organization_id", before["tasks"]);

        var again = await new Runbook(plan, db.ConnectionString).MigrateAsync();

        Assert.Empty(again.CreatedTables);
        Assert.StartsWith("001-", again.Script);
        Assert.Equal(before, await db.ShowCreateTablesAsync());
    }

    [Fact]
    public async Task Backfill_before_migrate_and_unknown_tables_are_refused_with_one_clear_line_and_nothing_written()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_refuse", 200, 32, migrate: false);
        await using var _ = db;
        await BackfillTests.AddColumnsAsync(db);
        var before = await SampleDatabase.ChecksumsAsync(db, SampleDatabase.AppTables);
        var runbook = new Runbook(plan, db.ConnectionString);

        var notMigrated = await Assert.ThrowsAsync<OperatorException>(() => runbook.BackfillAsync());
        Assert.Equal(FailureKind.Schema, notMigrated.Kind);
        Assert.Contains("orgscope migrate", notMigrated.Message);

        var unknown = await Assert.ThrowsAsync<OperatorException>(() => runbook.BackfillAsync(new BackfillOptions { Tables = ["tasks", "nope"] }));
        Assert.Equal(FailureKind.Usage, unknown.Kind);
        Assert.Contains("nope", unknown.Message);

        var badSize = await Assert.ThrowsAsync<OperatorException>(() => runbook.BackfillAsync(new BackfillOptions { BatchSize = 0 }));
        Assert.Equal(FailureKind.Usage, badSize.Kind);

        Assert.Equal(before, await SampleDatabase.ChecksumsAsync(db, SampleDatabase.AppTables));
        Assert.DoesNotContain("orgscope_runs", (await db.ShowCreateTablesAsync()).Keys);
    }
}
