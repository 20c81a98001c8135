using System.Diagnostics;
using MySqlConnector;
using OrgScope.Runtime.Tests;
using OrgScope.Testing;

/// <summary>
/// The data every approach starts from, prepared once (<see cref="BenchmarkDatabase.PrepareAsync"/>: sample data,
/// migrated, `users` backfilled), and a fresh copy of it per measurement: copying the tables is three times faster than
/// generating and loading them again, and every approach starts from byte-identical rows on a fresh table (where a
/// reset in place would leave the previous run's purge work behind).
/// </summary>
internal sealed class BenchmarkData(MariaDbServer server, BenchmarkArguments arguments)
{
    private TestDatabase? _template;
    private int _copies;

    public async Task<TestDatabase> PrepareTemplateAsync(string name) =>
        _template = await BenchmarkDatabase.PrepareAsync(server, SamplePlan.Document(), name, arguments.Rows, arguments.Seed);

    /// <summary>A new database holding a copy of every table of the template, analyzed and with its rows in the buffer pool.</summary>
    public async Task<TestDatabase> CopyAsync(string label)
    {
        var template = _template ?? throw new InvalidOperationException("prepare the template first");
        var watch = Stopwatch.StartNew();
        var db = await server.CreateDatabaseAsync($"bench_{label}_{++_copies}");
        var tables = new List<string>();
        await using (var connection = new MySqlConnection(template.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new MySqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await BenchmarkDatabase.ExecuteAsync(db.ConnectionString, $"CREATE TABLE `{table}` LIKE `{template.Name}`.`{table}`; INSERT INTO `{table}` SELECT * FROM `{template.Name}`.`{table}`");
        }

        await BenchmarkDatabase.ExecuteAsync(db.ConnectionString, "ANALYZE TABLE tasks, users");
        // Warm the buffer pool with the rows every approach reads.
        await BenchmarkDatabase.ScalarAsync(db.ConnectionString, "SELECT COUNT(*), SUM(assigned_to) FROM tasks");
        await BenchmarkDatabase.ScalarAsync(db.ConnectionString, "SELECT COUNT(*), SUM(organization_id) FROM tasks FORCE INDEX (ix_tasks_organization_id)");
        Console.WriteLine($"  copied for {label} in {watch.Elapsed.TotalSeconds:F1} s");
        return db;
    }
}
