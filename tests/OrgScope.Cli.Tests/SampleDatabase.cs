using System.Globalization;
using MySqlConnector;
using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

/// <summary>
/// A fresh database with the sample's legacy schema and a few rows, reached by a user with a real password
/// (the fixture's root has none, and the point is to prove the password never shows).
/// </summary>
public sealed class SampleDatabase : IAsyncDisposable
{
    public const string User = "orgscope_cli";

    /// <summary>Long and distinctive, so a leak cannot hide as a coincidence.</summary>
    public const string Password = "Pw-h4-Xq93-kLmZ-secret";

    public static readonly string[] Tables =
        ["organizations", "users", "user_organizations", "tasks", "rewards", "user_rewards", "achievements", "user_achievements"];

    private SampleDatabase(TestDatabase database, MySqlConnectionStringBuilder server)
    {
        Database = database;
        Host = server.Server;
        Port = server.Port;
    }

    public TestDatabase Database { get; }

    public string Host { get; }

    public uint Port { get; }

    /// <summary>The connection string an operator passes with --connection.</summary>
    public string ConnectionOption => $"Server={Host};Port={Port};Database={Database.Name};User ID={User};Password={Password};SslMode=None";

    /// <summary>DB_* variables for the same connection.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["DB_HOST"] = Host,
        ["DB_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["DB_USER"] = User,
        ["DB_PASSWORD"] = Password,
        ["DB_NAME"] = Database.Name,
    };

    public static async Task<SampleDatabase> CreateAsync(MariaDbServer server, string prefix, bool withData = true)
    {
        var database = await server.CreateDatabaseAsync(prefix);
        var builder = new MySqlConnectionStringBuilder(server.ConnectionString);
        await using (var root = new MySqlConnection(server.ConnectionString))
        {
            await root.OpenAsync();
            foreach (var host in new[] { "%", "localhost", "127.0.0.1" })
            {
                await using var command = new MySqlCommand(
                    $"CREATE USER IF NOT EXISTS '{User}'@'{host}' IDENTIFIED BY '{Password}'; GRANT ALL ON *.* TO '{User}'@'{host}';", root);
                await command.ExecuteNonQueryAsync();
            }
        }

        await database.ExecuteScriptAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Sample", "schema.sql")));
        if (withData)
        {
            await database.ExecuteScriptAsync("""
                INSERT INTO organizations (id, name) VALUES (1, 'Acme'), (2, 'Globex');
                INSERT INTO users (id, email, current_organization_id) VALUES (1, 'a@acme', 1), (2, 'b@globex', 2), (3, 'nobody@x', NULL);
                INSERT INTO user_organizations (user_id, organization_id, is_primary) VALUES (1, 1, 1), (2, 2, 1);
                INSERT INTO tasks (id, title, assigned_to) VALUES (1, 't1', 1), (2, 't2', 2), (3, 't3', 3), (4, 't4', NULL);
                INSERT INTO rewards (id, name, created_by) VALUES (1, 'r1', 1);
                INSERT INTO user_rewards (user_id, reward_id, granted_at) VALUES (1, 1, '2024-01-01');
                INSERT INTO achievements (id, name, created_by, organization_id) VALUES (1, 'a1', 2, NULL);
                INSERT INTO user_achievements (user_id, achievement_id, earned_at) VALUES (2, 1, '2024-01-01');
                """);
        }

        return new SampleDatabase(database, builder);
    }

    /// <summary>A sample database on which `orgscope migrate` has run (through the command line).</summary>
    public static async Task<SampleDatabase> CreateMigratedAsync(MariaDbServer server, string prefix)
    {
        var db = await CreateAsync(server, prefix);
        var migrate = await Cli.RunAsync(db.Environment, "migrate", "--assembly", Cli.SampleAssembly);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        return db;
    }

    /// <summary>CHECKSUM TABLE of every sample table: equal before and after means nothing was written.</summary>
    public async Task<Dictionary<string, long?>> ChecksumsAsync()
    {
        var result = new Dictionary<string, long?>();
        foreach (var table in Tables)
        {
            result[table] = await Database.ChecksumTableAsync(table);
        }

        return result;
    }

    /// <summary>The full DDL of every table: equal before and after means no schema change either.</summary>
    public Task<SortedDictionary<string, string>> SchemaAsync() => Database.ShowCreateTablesAsync();

    public async Task<long> CountAsync(string sql) =>
        Convert.ToInt64(await Database.ScalarAsync(sql), CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
