using System;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Testing;
using Xunit;

namespace OrgScope.Scripts.Tests.Database;

/// <summary>How a script reaches the server: the command-line client as users run it, or MySqlConnector as the runtime does.</summary>
public enum ScriptPath
{
    Client,
    Connector,
}

/// <summary>The sample's legacy schema with a few rows, and the two ways to run a script against it.</summary>
internal static class SampleDatabase
{
    public static readonly string[] ScopedTables = ["users", "tasks", "rewards", "achievements", "user_rewards", "user_achievements"];

    /// <summary>A fresh database holding samples/OrgScope.Sample/schema.sql and a handful of rows.</summary>
    public static async Task<TestDatabase> CreateLegacyAsync(MariaDbServer server, string prefix, bool withRows = true)
    {
        var db = await server.CreateDatabaseAsync(prefix);
        await db.ExecuteScriptAsync(Scripts.SampleSchema);
        if (withRows)
        {
            await db.ExecuteScriptAsync("""
                INSERT INTO organizations (id, name) VALUES (1, 'Acme'), (2, 'Globex');
                INSERT INTO users (id, email, current_organization_id) VALUES (1, 'a@x', 1), (2, 'b@x', 2), (3, 'c@x', NULL);
                INSERT INTO user_organizations (user_id, organization_id, is_primary) VALUES (1, 1, 1), (2, 1, 1), (2, 2, 0);
                INSERT INTO tasks (id, title, assigned_to) VALUES (1, 't1', 1), (2, 't2', 2), (3, 't3', NULL);
                INSERT INTO rewards (id, name, created_by) VALUES (1, 'r1', 1), (2, 'r2', 2);
                INSERT INTO achievements (id, name, created_by, organization_id) VALUES (1, 'a1', 1, 1), (2, 'a2', 2, NULL);
                INSERT INTO user_rewards (user_id, reward_id, granted_at) VALUES (1, 1, '2024-01-01'), (2, 2, '2024-01-02');
                INSERT INTO user_achievements (user_id, achievement_id, earned_at) VALUES (1, 1, '2024-01-01'), (2, 2, '2024-01-02');
                """);
        }

        return db;
    }

    /// <summary>Stands in for the backfill: every NULL organization becomes 1.</summary>
    public static async Task FillAsync(TestDatabase db)
    {
        foreach (var table in ScopedTables)
        {
            await db.ExecuteScriptAsync($"UPDATE `{table}` SET organization_id = 1 WHERE organization_id IS NULL");
        }
    }

    /// <summary>003 refuses on the freshly added columns, then the test fills them by hand (the backfill's job).</summary>
    public static async Task RefusesThenFillsAsync(TestDatabase db, string addConstraints)
    {
        Assert.Contains("rows with NULL organization_id", await RunRefusedAsync(db, addConstraints, ScriptPath.Connector));
        await FillAsync(db);
    }

    /// <summary>Runs a script and expects success.</summary>
    public static async Task RunAsync(TestDatabase db, string sql, ScriptPath path)
    {
        if (path == ScriptPath.Client)
        {
            (await db.RunClientAsync(sql)).EnsureSuccess();
        }
        else
        {
            await db.ExecuteScriptAsync(sql);
        }
    }

    /// <summary>Runs a script that must fail, and returns the server's error text.</summary>
    public static async Task<string> RunRefusedAsync(TestDatabase db, string sql, ScriptPath path)
    {
        if (path == ScriptPath.Client)
        {
            var result = await db.RunClientAsync(sql);
            Assert.NotEqual(0, result.ExitCode);
            return result.StandardError;
        }

        var error = await Assert.ThrowsAsync<MySqlException>(() => db.ExecuteScriptAsync(sql));
        return error.Message;
    }

    public static async Task<bool> TableExistsAsync(TestDatabase db, string table) =>
        Convert.ToInt64(await db.ScalarAsync(
            $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{table}'")) > 0;
}
