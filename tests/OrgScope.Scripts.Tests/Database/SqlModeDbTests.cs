using System.Threading.Tasks;
using OrgScope.Testing;
using Xunit;

namespace OrgScope.Scripts.Tests.Database;

/// <summary>
/// Servers run with sql_modes the scripts do not control: quoting and operator precedence must not depend on them.
/// The whole cycle runs under the modes that change how SQL text is read.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class SqlModeDbTests(MariaDbServer server)
{
    [Theory]
    [InlineData("ANSI_QUOTES,HIGH_NOT_PRECEDENCE,NO_BACKSLASH_ESCAPES,PIPES_AS_CONCAT,STRICT_ALL_TABLES,ONLY_FULL_GROUP_BY")]
    [InlineData("ANSI")]
    [InlineData("TRADITIONAL")]
    public async Task The_cycle_runs_under_sql_mode(string mode)
    {
        var scripts = new Scripts(SampleModels.Sample());
        var prefix = $"SET SESSION sql_mode = '{mode}';\n";
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "sql_mode");
        var legacy = await db.ShowCreateTablesAsync();

        await db.ExecuteScriptAsync(prefix + scripts.AddColumns);
        var added = await db.ShowCreateTablesAsync();
        await db.ExecuteScriptAsync(prefix + scripts.AddColumns);
        Assert.Equal(added, await db.ShowCreateTablesAsync());

        var refusal = await Assert.ThrowsAsync<MySqlConnector.MySqlException>(() => db.ExecuteScriptAsync(prefix + scripts.AddConstraints));
        Assert.Contains("orgscope: users has 3 rows with NULL organization_id", refusal.Message);
        await SampleDatabase.FillAsync(db);
        Assert.Equal(5, (await db.QueryScriptAsync(prefix + scripts.Validate)).Count);
        await db.ExecuteScriptAsync(prefix + scripts.AddConstraints);
        Assert.Contains("CONSTRAINT `fk_tasks_organization_id`", await db.ShowCreateTableAsync("tasks"));

        await db.ExecuteScriptAsync(prefix + scripts.RollbackConstraints);
        Assert.Equal(added, await db.ShowCreateTablesAsync());
        await db.ExecuteScriptAsync(prefix + scripts.RollbackColumns);
        Assert.Equal(legacy, await db.ShowCreateTablesAsync());
    }
}
