using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>The backfill's outcome on the sample's hard cases, idempotence and the dry run, on a real MariaDB.</summary>
[Collection("MariaDB")]
public sealed class BackfillTests(MariaDbServer server)
{
    [Theory]
    [InlineData(3000, 1, 1000, true)]   // batch sizes steered toward the default target
    [InlineData(2000, 7, 37, false)]    // a small odd fixed batch size: many batches, composite-key batches end mid-user
    public async Task Every_row_matches_the_independent_expectation_and_unresolved_rows_have_the_right_reasons(int tasks, int seed, int batchSize, bool autoSized)
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_hard", tasks, seed);
        await using var _ = db;
        var expected = await SampleState.ExpectAsync(db);
        var preset = Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM achievements WHERE organization_id IS NOT NULL"));

        var options = autoSized ? RunbookOptions.Default : SampleDatabase.FixedBatches;
        var summary = await new Runbook(plan, db.ConnectionString, options).BackfillAsync(new BackfillOptions { BatchSize = batchSize });

        var actual = await SampleState.ReadAsync(db);
        Assert.Equal(expected.Orgs, actual.Orgs);
        Assert.Equal(expected.Unresolved, actual.Unresolved);
        Assert.False(summary.Cancelled);
        Assert.Equal(expected.Orgs.Count(o => o.Value is not null) - preset,
            summary.Tables.Sum(t => t.RowsSet));
        Assert.Equal(expected.Unresolved.Count, summary.Tables.Sum(t => t.RowsUnresolved));

        // The dataset really holds every hard case, so the comparison above means something.
        foreach (var reason in new[] { "no_source_value", "orphan_reference", "no_primary_membership", "several_primary_memberships", "sources_disagree", "referenced_row_unresolved" })
        {
            Assert.Contains(reason, expected.Unresolved.Values);
        }
    }

    [Fact]
    public async Task A_second_backfill_changes_nothing()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_twice", 2000, 3);
        await using var _ = db;
        var runbook = new Runbook(plan, db.ConnectionString);
        var first = await runbook.BackfillAsync(new BackfillOptions { BatchSize = 500 });
        var before = await SampleDatabase.ChecksumsAsync(db, SampleDatabase.AppTables);
        var unresolvedBefore = (await SampleState.ReadAsync(db)).Unresolved;

        var second = await runbook.BackfillAsync(new BackfillOptions { BatchSize = 500 });

        Assert.NotEqual(first.RunId, second.RunId);
        Assert.False(second.Resumed);
        Assert.Equal(0, second.Tables.Sum(t => t.RowsSet));
        Assert.Equal(before, await SampleDatabase.ChecksumsAsync(db, SampleDatabase.AppTables));
        Assert.Equal(0L, await AuditInvariants.EntriesAsync(db, second.RunId));
        Assert.Equal(unresolvedBefore, (await SampleState.ReadAsync(db)).Unresolved);
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_creates_no_table_and_counts_what_the_real_run_does()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_dry", 3000, 5, migrate: false);
        await using var _ = db;
        await AddColumnsAsync(db); // the columns exist (001 ran), OrgScope's own tables do not
        var tablesBefore = await db.ShowCreateTablesAsync();
        var before = await SampleDatabase.ChecksumsAsync(db, SampleDatabase.AppTables);

        var dry = await new Runbook(plan, db.ConnectionString).BackfillAsync(new BackfillOptions { DryRun = true, BatchSize = 400 });

        Assert.Equal(before, await SampleDatabase.ChecksumsAsync(db, SampleDatabase.AppTables));
        Assert.Equal(tablesBefore.Keys, (await db.ShowCreateTablesAsync()).Keys);
        Assert.Null(dry.RunId);

        // The same database, really backfilled: the dry run's counts per source and per reason were exact.
        await new Runbook(plan, db.ConnectionString).CreateOrgScopeTablesAsync();
        var real = await new Runbook(plan, db.ConnectionString).BackfillAsync(new BackfillOptions { BatchSize = 400 });
        foreach (var (d, r) in dry.Tables.Zip(real.Tables))
        {
            Assert.Equal(r.Table, d.Table);
            Assert.Equal(r.SetBySource.OrderBy(p => p.Key), d.SetBySource.OrderBy(p => p.Key));
            Assert.Equal(r.UnresolvedByReason.OrderBy(p => p.Key), d.UnresolvedByReason.OrderBy(p => p.Key));
        }
    }

    /// <summary>The columns 001 adds, by hand (the dry-run test must not create OrgScope's tables, which migrate does).</summary>
    internal static async Task AddColumnsAsync(TestDatabase db)
    {
        foreach (var table in new[] { "users", "tasks", "rewards", "user_rewards", "user_achievements" })
        {
            await db.ExecuteScriptAsync($"ALTER TABLE {table} ADD COLUMN organization_id BIGINT NULL, ADD KEY ix_{table}_organization_id (organization_id)");
        }

        await db.ExecuteScriptAsync("ALTER TABLE achievements ADD KEY ix_achievements_organization_id (organization_id)");
    }
}
