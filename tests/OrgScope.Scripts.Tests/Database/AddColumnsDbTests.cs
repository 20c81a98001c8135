using System.Threading.Tasks;
using OrgScope.Testing;
using Xunit;

namespace OrgScope.Scripts.Tests.Database;

/// <summary>001 on the sample's legacy schema: adds what is missing, once, whichever way and however often it runs.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class AddColumnsDbTests(MariaDbServer server)
{
    private readonly Scripts _scripts = new(SampleModels.Sample());

    [Theory]
    [InlineData(ScriptPath.Client)]
    [InlineData(ScriptPath.Connector)]
    public async Task Three_runs_leave_the_schema_of_the_first(ScriptPath path)
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "add_columns");
        var checksums = await db.ChecksumTableAsync("achievements");

        await SampleDatabase.RunAsync(db, _scripts.AddColumns, path);
        var first = await db.ShowCreateTablesAsync();
        await SampleDatabase.RunAsync(db, _scripts.AddColumns, path);
        await SampleDatabase.RunAsync(db, _scripts.AddColumns, path);

        Assert.Equal(first, await db.ShowCreateTablesAsync());
        foreach (var table in SampleDatabase.ScopedTables)
        {
            Assert.Contains("`organization_id` bigint(20) DEFAULT NULL", first[table]);
            Assert.Contains("KEY `ix_" + table + "_organization_id` (`organization_id`)", first[table]);
        }

        // The existing values of achievements' pre-existing column survive.
        Assert.Equal(checksums, await db.ChecksumTableAsync("achievements"));
    }

    [Fact]
    public async Task Client_and_connector_runs_mix()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "add_columns_mix");
        await SampleDatabase.RunAsync(db, _scripts.AddColumns, ScriptPath.Client);
        var first = await db.ShowCreateTablesAsync();
        await SampleDatabase.RunAsync(db, _scripts.AddColumns, ScriptPath.Connector);
        await SampleDatabase.RunAsync(db, _scripts.AddColumns, ScriptPath.Client);
        Assert.Equal(first, await db.ShowCreateTablesAsync());
    }

    [Fact]
    public async Task An_existing_column_is_not_touched_and_not_recorded()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "existing_column");
        var legacy = await db.ShowCreateTableAsync("achievements");
        await db.ExecuteScriptAsync(_scripts.AddColumns);

        // Only the index is new: the column line is byte for byte the legacy one.
        var after = await db.ShowCreateTableAsync("achievements");
        Assert.Equal(legacy.Replace("  KEY `ix_achievements_created_by` (`created_by`)\n",
            "  KEY `ix_achievements_created_by` (`created_by`),\n  KEY `ix_achievements_organization_id` (`organization_id`)\n"), after);

        Assert.Equal(0L, await db.ScalarAsync(
            "SELECT COUNT(*) FROM orgscope_schema_changes WHERE table_name = 'achievements' AND change_kind = 'column'"));
        Assert.Equal(1L, await db.ScalarAsync(
            "SELECT COUNT(*) FROM orgscope_schema_changes WHERE table_name = 'achievements' AND change_kind = 'index'"));
        // 5 columns (not achievements) and 6 indexes.
        Assert.Equal(11L, await db.ScalarAsync("SELECT COUNT(*) FROM orgscope_schema_changes"));
    }

    [Fact]
    public async Task An_existing_index_that_leads_with_the_column_is_reused()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "existing_index");
        await db.ExecuteScriptAsync("ALTER TABLE achievements ADD INDEX legacy_org (organization_id, id)");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        var ddl = await db.ShowCreateTableAsync("achievements");
        Assert.Contains("KEY `legacy_org` (`organization_id`,`id`)", ddl);
        Assert.DoesNotContain("ix_achievements_organization_id", ddl);
    }
}
