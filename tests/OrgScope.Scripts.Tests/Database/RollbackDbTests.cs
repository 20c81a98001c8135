using System.Threading.Tasks;
using OrgScope.Testing;
using Xunit;

namespace OrgScope.Scripts.Tests.Database;

/// <summary>The rollbacks undo exactly what 001 and 003 did: the legacy schema comes back byte for byte.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class RollbackDbTests(MariaDbServer server)
{
    private readonly Scripts _scripts = new(SampleModels.Sample());

    [Theory]
    [InlineData(ScriptPath.Client)]
    [InlineData(ScriptPath.Connector)]
    public async Task Constraints_then_columns_restore_the_legacy_schema_exactly(ScriptPath path)
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "rollback");
        var legacy = await db.ShowCreateTablesAsync();
        var achievements = await db.ChecksumTableAsync("achievements");

        await SampleDatabase.RunAsync(db, _scripts.AddColumns, path);
        await db.ExecuteScriptAsync("UPDATE achievements SET organization_id = 2 WHERE id = 2");
        await SampleDatabase.FillAsync(db);
        await SampleDatabase.RunAsync(db, _scripts.AddConstraints, path);
        var constrained = await db.ShowCreateTablesAsync();

        await SampleDatabase.RunAsync(db, _scripts.RollbackConstraints, path);
        var unconstrained = await db.ShowCreateTablesAsync();
        await SampleDatabase.RunAsync(db, _scripts.RollbackConstraints, path);
        Assert.Equal(unconstrained, await db.ShowCreateTablesAsync());
        Assert.NotEqual(constrained, unconstrained);
        foreach (var table in SampleDatabase.ScopedTables)
        {
            Assert.DoesNotContain("FOREIGN KEY", unconstrained[table]);
            Assert.Contains("`organization_id` bigint(20) DEFAULT NULL", unconstrained[table]);
        }

        await SampleDatabase.RunAsync(db, _scripts.RollbackColumns, path);
        await SampleDatabase.RunAsync(db, _scripts.RollbackColumns, path);

        // Every table, the change log included (it is gone once empty), equals the pristine legacy schema.
        Assert.Equal(legacy, await db.ShowCreateTablesAsync());
        // achievements kept its pre-existing column and the values the backfill wrote into it.
        Assert.NotEqual(achievements, await db.ChecksumTableAsync("achievements"));
        Assert.Equal(2L, await db.ScalarAsync("SELECT organization_id FROM achievements WHERE id = 2"));
    }

    [Fact]
    public async Task Rollback_constraints_keeps_the_columns_and_their_values()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "rollback_keep");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        var added = await db.ShowCreateTablesAsync();
        await SampleDatabase.FillAsync(db);
        var tasks = await db.ChecksumTableAsync("tasks");
        await db.ExecuteScriptAsync(_scripts.AddConstraints);

        await db.ExecuteScriptAsync(_scripts.RollbackConstraints);

        Assert.Equal(added, await db.ShowCreateTablesAsync());
        Assert.Equal(tasks, await db.ChecksumTableAsync("tasks"));
    }

    [Theory]
    [InlineData(ScriptPath.Client)]
    [InlineData(ScriptPath.Connector)]
    public async Task Rollback_columns_refuses_while_the_foreign_keys_remain(ScriptPath path)
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "rollback_order");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        await SampleDatabase.FillAsync(db);
        await db.ExecuteScriptAsync(_scripts.AddConstraints);
        var constrained = await db.ShowCreateTablesAsync();

        var error = await SampleDatabase.RunRefusedAsync(db, _scripts.RollbackColumns, path);

        Assert.Contains("orgscope: users still has the foreign key fk_users_organization_id; run rollback-constraints.sql first", error);
        Assert.Equal(constrained, await db.ShowCreateTablesAsync());
    }

    [Fact]
    public async Task Constraints_that_existed_before_OrgScope_stay()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "rollback_preexisting");
        // achievements already had a NOT NULL column, its own index and FK before OrgScope ran.
        await db.ExecuteScriptAsync("""
            UPDATE achievements SET organization_id = 1 WHERE organization_id IS NULL;
            ALTER TABLE achievements MODIFY organization_id BIGINT NOT NULL, ADD INDEX legacy_org (organization_id),
              ADD CONSTRAINT legacy_org_fk FOREIGN KEY (organization_id) REFERENCES organizations (id);
            """);
        var legacy = await db.ShowCreateTablesAsync();

        await db.ExecuteScriptAsync(_scripts.AddColumns);
        await SampleDatabase.FillAsync(db);
        await db.ExecuteScriptAsync(_scripts.AddConstraints);
        Assert.Equal(legacy["achievements"], await db.ShowCreateTableAsync("achievements"));

        await db.ExecuteScriptAsync(_scripts.RollbackConstraints);
        await db.ExecuteScriptAsync(_scripts.RollbackColumns);
        Assert.Equal(legacy, await db.ShowCreateTablesAsync());
    }

    [Fact]
    public async Task Rollbacks_on_a_database_OrgScope_never_touched_change_nothing()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "rollback_pristine");
        var legacy = await db.ShowCreateTablesAsync();
        await db.ExecuteScriptAsync(_scripts.RollbackConstraints);
        await db.ExecuteScriptAsync(_scripts.RollbackColumns);
        Assert.Equal(legacy, await db.ShowCreateTablesAsync());
        Assert.False(await SampleDatabase.TableExistsAsync(db, "orgscope_schema_changes"));
    }
}
