using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime;
using OrgScope.Sample.Data;
using OrgScope.Testing;

/// <summary>
/// The benchmark's databases: the sample data set loaded, migrated and `users` backfilled, so that only `tasks` is
/// measured; and a reset that puts `tasks` back to "never backfilled" for another measured run on the same data.
/// </summary>
internal static partial class BenchmarkDatabase
{
    public static async Task<TestDatabase> PrepareAsync(MariaDbServer server, PlanDocument plan, string name, int rows, int seed)
    {
        var watch = Stopwatch.StartNew();
        var db = await server.CreateDatabaseAsync(name);
        await SampleData.CreateSchemaAsync(db.ConnectionString);
        await SampleData.LoadAsync(db.ConnectionString, rows, seed);
        var runbook = new Runbook(plan, db.ConnectionString);
        await runbook.MigrateAsync();
        await runbook.BackfillAsync(new BackfillOptions { Tables = ["users"] });
        await ExecuteAsync(db.ConnectionString, "ANALYZE TABLE tasks, users");
        await WarmAsync(db);
        Console.WriteLine($"prepared {name} in {watch.Elapsed.TotalSeconds:F1} s");
        return db;
    }

    /// <summary>
    /// `tasks` as before its backfill: organization_id NULL again, its audit, unresolved rows and run records gone;
    /// then waits for InnoDB's purge of that work, so the next measured run does not share the server with it.
    /// </summary>
    public static async Task ResetTasksAsync(TestDatabase db)
    {
        var watch = Stopwatch.StartNew();
        await ExecuteAsync(db.ConnectionString,
            "UPDATE tasks SET organization_id = NULL WHERE organization_id IS NOT NULL; " +
            "DELETE FROM orgscope_audit WHERE table_name = 'tasks'; " +
            "DELETE FROM orgscope_unresolved WHERE table_name = 'tasks'; " +
            "DELETE FROM orgscope_checkpoints WHERE table_name = 'tasks'; " +
            "DELETE FROM orgscope_ranges WHERE table_name = 'tasks'; " +
            "DELETE FROM orgscope_runs WHERE tables = 'tasks'");
        await WaitForPurgeAsync(db.ConnectionString);
        await WarmAsync(db);
        Console.WriteLine($"reset tasks in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task WarmAsync(TestDatabase db)
    {
        // Warm the buffer pool with the rows every approach reads.
        await ScalarAsync(db.ConnectionString, "SELECT COUNT(*), SUM(assigned_to) FROM tasks");
        await ScalarAsync(db.ConnectionString, "SELECT COUNT(*), SUM(organization_id) FROM tasks FORCE INDEX (ix_tasks_organization_id)");
    }

    private static async Task WaitForPurgeAsync(string connectionString)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = Convert.ToString(await ScalarAsync(connectionString, "SHOW ENGINE INNODB STATUS", column: 2), CultureInfo.InvariantCulture) ?? "";
            var match = HistoryLength().Match(status);
            if (!match.Success || long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) < 1000)
            {
                return;
            }

            await Task.Delay(500);
        }
    }

    [GeneratedRegex(@"History list length (\d+)")]
    private static partial Regex HistoryLength();

    public static async Task<int> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string connectionString, string sql, int column = 0)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetValue(column) : null;
    }
}
