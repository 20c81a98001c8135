using System.Threading.Tasks;
using OrgScope.Testing;
using Xunit;

namespace OrgScope.Scripts.Tests;

/// <summary>The shared fixture itself: both script paths behave like the server does (stop at the first error).</summary>
[Collection(MariaDbCollection.Name)]
public sealed class FixtureTests(MariaDbServer server)
{
    [Fact]
    public async Task Script_runs_through_connector_and_client_and_stops_at_first_error()
    {
        await using var db = await server.CreateDatabaseAsync("fixture");
        await db.ExecuteScriptAsync("CREATE TABLE a (id INT PRIMARY KEY);\nSET @n = 2;\nINSERT INTO a VALUES (1), (@n);");
        Assert.Equal(2L, await db.ScalarAsync("SELECT COUNT(*) FROM a"));

        var ok = await db.RunClientAsync("INSERT INTO a VALUES (3);\nSELECT COUNT(*) AS n FROM a;\n");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("3", ok.StandardOutput);

        var failed = await db.RunClientAsync("INSERT INTO a VALUES (4);\nINSERT INTO nope VALUES (1);\nINSERT INTO a VALUES (5);\n");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("nope", failed.StandardError);
        Assert.Equal(4L, await db.ScalarAsync("SELECT COUNT(*) FROM a"));

        await Assert.ThrowsAsync<MySqlConnector.MySqlException>(() => db.ExecuteScriptAsync("INSERT INTO a VALUES (6);\nINSERT INTO nope VALUES (1);\nINSERT INTO a VALUES (7);"));
        Assert.Equal(5L, await db.ScalarAsync("SELECT COUNT(*) FROM a"));

        var file = System.IO.Path.GetTempFileName();
        try
        {
            await System.IO.File.WriteAllTextAsync(file, "-- a file, as users run it\nINSERT INTO a VALUES (8);\n");
            Assert.Equal(0, (await db.RunClientFileAsync(file)).ExitCode);
        }
        finally
        {
            System.IO.File.Delete(file);
        }

        Assert.Equal(6L, await db.ScalarAsync("SELECT COUNT(*) FROM a"));
        Assert.Contains("CREATE TABLE `a`", await db.ShowCreateTableAsync("a"));
        Assert.NotNull(await db.ChecksumTableAsync("a"));
        var sets = await db.QueryScriptAsync("SELECT 1 AS x; DO 0; SELECT 'b' AS y, NULL AS z;");
        Assert.Equal(2, sets.Count);
        Assert.Equal("y", sets[1].Columns[0]);
        Assert.Null(sets[1].Rows[0][1]);
    }
}
