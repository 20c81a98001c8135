using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using MySqlConnector;

namespace OrgScope.Testing;

/// <summary>One fresh database on a <see cref="MariaDbServer"/>; disposing it drops the database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly MariaDbServer _server;

    internal TestDatabase(MariaDbServer server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Connection string to this database, with AllowUserVariables=true so scripts can use @vars.</summary>
    public string ConnectionString { get; }

    public async Task<MySqlConnection> OpenConnectionAsync()
    {
        var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Runs a multi-statement script through MySqlConnector (no DELIMITER support: scripts must be delimiter-free).
    /// Stops at the first failing statement, like the command-line client, and throws its <see cref="MySqlException"/>.
    /// </summary>
    public async Task ExecuteScriptAsync(string sql)
    {
        await using var connection = await OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Runs a multi-statement script and returns every result set it produced, in order.</summary>
    public async Task<IReadOnlyList<ResultSet>> QueryScriptAsync(string sql)
    {
        await using var connection = await OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var sets = new List<ResultSet>();
        do
        {
            if (reader.FieldCount == 0)
            {
                continue;
            }

            var columns = new string[reader.FieldCount];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = reader.GetName(i);
            }

            var rows = new List<object?[]>();
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                var row = new object?[columns.Length];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            sets.Add(new ResultSet(columns, rows));
        }
        while (await reader.NextResultAsync().ConfigureAwait(false));

        return sets;
    }

    /// <summary>The first column of the first row of <paramref name="sql"/> (null for SQL NULL or no row).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new MySqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>Runs <paramref name="sql"/> through the real command-line client, as a user would: `mariadb db &lt; file`.</summary>
    public async Task<ClientResult> RunClientAsync(string sql)
    {
        var builder = new MySqlConnectionStringBuilder(ConnectionString);
        var start = new ProcessStartInfo(MariaDbBinaries.RequireClient())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "--no-defaults", "--protocol=TCP", "-h", builder.Server, "-P", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-u", builder.UserID, Name,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        // The password travels in the environment, never on the command line.
        start.Environment["MYSQL_PWD"] = builder.Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the mariadb client");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(sql).ConfigureAwait(false);
        process.StandardInput.Close();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return new ClientResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Runs a script file through the command-line client (`mariadb db &lt; path`).</summary>
    public async Task<ClientResult> RunClientFileAsync(string path) =>
        await RunClientAsync(await File.ReadAllTextAsync(path).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>The second column of SHOW CREATE TABLE: the exact DDL, for before/after comparisons.</summary>
    public async Task<string> ShowCreateTableAsync(string table)
    {
        await using var connection = await OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new MySqlCommand($"SHOW CREATE TABLE `{table.Replace("`", "``")}`", connection);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException($"SHOW CREATE TABLE {table} returned no row");
        }

        return reader.GetString(1);
    }

    /// <summary>SHOW CREATE TABLE of every base table in this database, keyed and ordered by table name.</summary>
    public async Task<SortedDictionary<string, string>> ShowCreateTablesAsync()
    {
        var tables = new List<string>();
        await using (var connection = await OpenConnectionAsync().ConfigureAwait(false))
        {
            await using var command = new MySqlCommand(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'", connection);
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            result[table] = await ShowCreateTableAsync(table).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>CHECKSUM TABLE: a cheap "did the data change" probe (null when the table does not exist).</summary>
    public async Task<long?> ChecksumTableAsync(string table)
    {
        await using var connection = await OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new MySqlCommand($"CHECKSUM TABLE `{table.Replace("`", "``")}`", connection);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false) || reader.IsDBNull(1))
        {
            return null;
        }

        return Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new MySqlConnection(_server.ConnectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{Name}`", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (MySqlException)
        {
            // Dropping is housekeeping; a throwaway server is deleted anyway.
        }
    }
}

/// <summary>One result set of a script: column names and rows (SQL NULL as null).</summary>
public sealed record ResultSet(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>What the command-line client did: exit code and both streams.</summary>
public sealed record ClientResult(int ExitCode, string StandardOutput, string StandardError)
{
    public ClientResult EnsureSuccess() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"mariadb client exited with {ExitCode}: {StandardError}");
}
