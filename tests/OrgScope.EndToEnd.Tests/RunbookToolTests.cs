using MySqlConnector;
using OrgScope.EndToEnd.Tests.Infrastructure;
using OrgScope.Testing;

namespace OrgScope.EndToEnd.Tests;

/// <summary>Step 4: the orgscope tool, installed from the local feed into a tool manifest, runs the runbook on MariaDB.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class RunbookToolTests(LocalFeed feed, MariaDbServer server)
{
    // The legacy schema: no organization_id yet; every row resolvable (users by current_organization_id, tasks by
    // assigned_to), so that constrain can finish the job.
    private const string LegacySchema = """
        CREATE TABLE organizations (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL);
        CREATE TABLE users (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(200) NOT NULL, current_organization_id BIGINT NULL,
          KEY ix_users_current_organization_id (current_organization_id));
        CREATE TABLE tasks (id BIGINT NOT NULL PRIMARY KEY, title VARCHAR(200) NOT NULL, done TINYINT NOT NULL DEFAULT 0,
          assigned_to BIGINT NULL, KEY ix_tasks_assigned_to (assigned_to));
        INSERT INTO organizations VALUES (1, 'Acme'), (2, 'Globex');
        INSERT INTO users VALUES (10, 'a@acme.test', 1), (11, 'b@acme.test', 1), (20, 'c@globex.test', 2);
        INSERT INTO tasks VALUES (100, 'ship', 0, 10), (101, 'test', 1, 11), (102, 'plan', 0, 20), (103, 'review', 0, 20);
        """;

    [Fact]
    public async Task Check_migrate_backfill_validate_constrain_leave_NOT_NULL_columns_with_foreign_keys()
    {
        var consumer = Consumer.Create(feed, "runbook");
        consumer.Write("Shop/Shop.csproj", ConsumerSources.Project(feed));
        consumer.Write("Shop/Program.cs", ConsumerSources.Program);
        consumer.Write("Shop/Entities.cs", ConsumerSources.Entities);
        var build = consumer.Build("Shop/Shop.csproj");
        Assert.True(build.ExitCode == 0, build.ToString());
        var assembly = consumer.PathOf("Shop/bin/Debug/net10.0/Shop.dll");

        var manifest = consumer.Run("new", "tool-manifest");
        Assert.True(manifest.ExitCode == 0, manifest.ToString());
        var install = consumer.Run("tool", "install", LocalFeed.ToolPackageId, "--version", feed.Version);
        Assert.True(install.ExitCode == 0, install.ToString());

        await using var database = await server.CreateDatabaseAsync("e2e_runbook");
        await database.ExecuteScriptAsync(LegacySchema);
        ProcessResult Orgscope(params string[] arguments) =>
            consumer.Run(["tool", "run", "orgscope", "--", .. arguments, "--assembly", assembly, "--connection", database.ConnectionString]);

        AssertExit(0, Orgscope("check"));
        AssertExit(0, Orgscope("migrate"));
        // Before the backfill every organization_id is NULL: constrain refuses and changes nothing.
        AssertExit(1, Orgscope("constrain"));
        AssertExit(0, Orgscope("backfill", "--dry-run"));
        Assert.Equal(7L, await NullCount(database));
        var backfill = Orgscope("backfill");
        AssertExit(0, backfill);
        Assert.Contains("7 row(s) set, 0 unresolved", backfill.Output, StringComparison.Ordinal);
        AssertExit(0, Orgscope("validate"));
        AssertExit(0, Orgscope("constrain"));

        Assert.Equal(0L, await NullCount(database));
        Assert.Equal(2L, await Long(database, "SELECT organization_id FROM tasks WHERE id = 103"));
        foreach (var table in new[] { "users", "tasks" })
        {
            Assert.Equal("NO", (string?)await database.ScalarAsync(
                $"SELECT IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{table}' AND COLUMN_NAME = 'organization_id'"));
            Assert.Equal(1L, await Long(database, 
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() " +
                $"AND TABLE_NAME = '{table}' AND COLUMN_NAME = 'organization_id' AND REFERENCED_TABLE_NAME = 'organizations' AND REFERENCED_COLUMN_NAME = 'id'"));
        }

        // The constraint is real: a row without an organization is refused by the server now.
        await Assert.ThrowsAsync<MySqlException>(() => database.ExecuteScriptAsync("INSERT INTO tasks (id, title) VALUES (999, 'orphan')"));
    }

    private static async Task<long> NullCount(TestDatabase database) =>
        await Long(database, "SELECT (SELECT COUNT(*) FROM users WHERE organization_id IS NULL) + (SELECT COUNT(*) FROM tasks WHERE organization_id IS NULL)");

    private static async Task<long> Long(TestDatabase database, string sql) =>
        Convert.ToInt64(await database.ScalarAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertExit(int expected, ProcessResult result) => Assert.True(result.ExitCode == expected, $"expected exit code {expected}: {result}");
}
