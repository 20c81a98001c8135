using System.Threading.Tasks;
using OrgScope.Testing;
using Xunit;

namespace OrgScope.Scripts.Tests.Database;

/// <summary>003: refuses while a NULL or an orphan remains, changing nothing; then constrains, once.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class AddConstraintsDbTests(MariaDbServer server)
{
    private readonly Scripts _scripts = new(SampleModels.Sample());

    [Theory]
    [InlineData(ScriptPath.Client)]
    [InlineData(ScriptPath.Connector)]
    public async Task Refuses_while_NULLs_remain_and_changes_nothing(ScriptPath path)
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "refuse_nulls");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        await db.ExecuteScriptAsync("UPDATE users SET organization_id = 1");
        await db.ExecuteScriptAsync("UPDATE achievements SET organization_id = 1");
        await db.ExecuteScriptAsync("UPDATE rewards SET organization_id = 1");
        await db.ExecuteScriptAsync("UPDATE tasks SET organization_id = 1 WHERE id = 1");
        var before = await db.ShowCreateTablesAsync();

        var error = await SampleDatabase.RunRefusedAsync(db, _scripts.AddConstraints, path);

        // users, achievements and rewards are clean and come first: the refusal names the first table that is not, with its count.
        Assert.Contains("orgscope: tasks has 2 rows with NULL organization_id; run the backfill first", error);
        Assert.Equal(before, await db.ShowCreateTablesAsync());
    }

    [Fact]
    public async Task Refuses_a_later_table_before_changing_an_earlier_one()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "refuse_last");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        await SampleDatabase.FillAsync(db);
        await db.ExecuteScriptAsync("UPDATE user_achievements SET organization_id = NULL WHERE user_id = 2");
        var before = await db.ShowCreateTablesAsync();

        var error = await SampleDatabase.RunRefusedAsync(db, _scripts.AddConstraints, ScriptPath.Client);

        Assert.Contains("orgscope: user_achievements has 1 rows with NULL organization_id", error);
        Assert.Equal(before, await db.ShowCreateTablesAsync());
    }

    [Theory]
    [InlineData(ScriptPath.Client)]
    [InlineData(ScriptPath.Connector)]
    public async Task Refuses_an_orphan_organization(ScriptPath path)
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "refuse_orphan");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        await SampleDatabase.FillAsync(db);
        await db.ExecuteScriptAsync("UPDATE rewards SET organization_id = 99 WHERE id = 2");
        var before = await db.ShowCreateTablesAsync();

        var error = await SampleDatabase.RunRefusedAsync(db, _scripts.AddConstraints, path);

        Assert.Contains("orgscope: rewards has 1 rows whose organization_id is not in organizations.id (orphans)", error);
        Assert.Equal(before, await db.ShowCreateTablesAsync());
    }

    [Fact]
    public async Task Refuses_before_001_has_run()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "refuse_no_column");
        var legacy = await db.ShowCreateTablesAsync();
        var error = await SampleDatabase.RunRefusedAsync(db, _scripts.AddConstraints, ScriptPath.Client);
        Assert.Contains("orgscope: users has no organization_id column; run 001-add-organization-id-columns.sql first", error);
        Assert.Equal(legacy, await db.ShowCreateTablesAsync());
    }

    [Theory]
    [InlineData(ScriptPath.Client)]
    [InlineData(ScriptPath.Connector)]
    public async Task Succeeds_once_filled_and_is_idempotent(ScriptPath path)
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "constrain");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        await SampleDatabase.RefusesThenFillsAsync(db, _scripts.AddConstraints);

        await SampleDatabase.RunAsync(db, _scripts.AddConstraints, path);
        var first = await db.ShowCreateTablesAsync();
        await SampleDatabase.RunAsync(db, _scripts.AddConstraints, path);
        await SampleDatabase.RunAsync(db, _scripts.AddConstraints, path);
        Assert.Equal(first, await db.ShowCreateTablesAsync());

        foreach (var table in SampleDatabase.ScopedTables)
        {
            Assert.Contains("`organization_id` bigint(20) NOT NULL", first[table]);
            Assert.Contains($"CONSTRAINT `fk_{table}_organization_id` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`)", first[table]);
        }

        // The constraint is real: the server now rejects what the refusal guarded against.
        await Assert.ThrowsAsync<MySqlConnector.MySqlException>(() => db.ExecuteScriptAsync("UPDATE tasks SET organization_id = 99 WHERE id = 1"));
        await Assert.ThrowsAsync<MySqlConnector.MySqlException>(() => db.ExecuteScriptAsync("UPDATE tasks SET organization_id = NULL WHERE id = 1"));
    }

    [Fact]
    public async Task Leaves_foreign_key_checks_as_it_found_them()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "fk_checks");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        await SampleDatabase.FillAsync(db);
        await using var connection = await db.OpenConnectionAsync();
        await using var command = new MySqlConnector.MySqlCommand(_scripts.AddConstraints + "\nSELECT @@SESSION.foreign_key_checks;", connection);
        Assert.Equal(1L, System.Convert.ToInt64(await command.ExecuteScalarAsync()));
        Assert.Contains("CONSTRAINT `fk_tasks_organization_id`", await db.ShowCreateTableAsync("tasks"));
    }
}
