using System;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// The engine's one connection: opened with the session settings every batch relies on (READ COMMITTED, a short
/// innodb_lock_wait_timeout), dropped and reopened after a lost connection. Not pooled, so a reconnect is a new socket.
/// </summary>
internal sealed class DbSession(string connectionString, RunbookOptions options) : IAsyncDisposable
{
    private readonly string _connectionString = new MySqlConnectionStringBuilder(connectionString)
    {
        Pooling = false,
        UseAffectedRows = false,
        // Keys and values as the server holds them: the driver would read CHAR(36) as a Guid (failing on anything else,
        // and writing it back lower-case, which is another key under a binary collation).
        GuidFormat = MySqlGuidFormat.None,
    }.ConnectionString;

    private MySqlConnection? _connection;

    /// <summary>The server's id for this session (for KILL in tests and for logs).</summary>
    public long ServerThreadId => _connection?.ServerThread ?? 0;

    public async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_connection is { State: ConnectionState.Open })
        {
            return _connection;
        }

        await DropAsync().ConfigureAwait(false);
        var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new MySqlCommand(
                         "SET SESSION innodb_lock_wait_timeout = " + options.LockWaitTimeoutSeconds.ToString(CultureInfo.InvariantCulture) +
                         "; SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        _connection = connection;
        return connection;
    }

    /// <summary>Forgets a connection that failed; the next <see cref="OpenAsync"/> makes a new one.</summary>
    public async Task DropAsync()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MySqlException or InvalidOperationException or System.IO.IOException)
        {
            // Closing a broken connection may fail; it is gone either way.
        }

        _connection = null;
    }

    public ValueTask DisposeAsync() => new(DropAsync());

    public static MySqlCommand Command(MySqlConnection connection, MySqlTransaction? transaction, string sql, IReadOnlyDictionary<string, object?>? parameters)
    {
        var command = new MySqlCommand(sql, connection, transaction);
        if (parameters is not null)
        {
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql, IReadOnlyDictionary<string, object?>? parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (several statements, one command: one round trip) and returns the first value of each
    /// result set, in order; <paramref name="expected"/> result sets or it throws.
    /// </summary>
    public static async Task<List<long>> ScalarsAsync(
        MySqlConnection connection, MySqlTransaction? transaction, IReadOnlyDictionary<string, object?>? parameters, string sql, int expected)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var values = new List<long>(expected);
        do
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                values.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        while (await reader.NextResultAsync().ConfigureAwait(false));

        if (values.Count != expected)
        {
            throw new InvalidOperationException($"Expected {expected} value(s), got {values.Count}.");
        }

        return values;
    }

    public static async Task<object?> ScalarAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql, IReadOnlyDictionary<string, object?>? parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public static async Task<List<object?[]>> RowsAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql, IReadOnlyDictionary<string, object?>? parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
