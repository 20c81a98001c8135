using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using Xunit;

namespace OrgScope.Testing;

/// <summary>
/// A throwaway primary and a replica replicating from it (MariaDB GTID replication), for the tests that need a real
/// replica; the other tests use <see cref="MariaDbServer"/> alone. Use it as a collection fixture of its own. Both start
/// from copies of one installed data directory (one mariadb-install-db, not two) and are deleted on dispose. Always
/// throwaway servers, also when ORGSCOPE_TEST_MYSQL is set: the tests stop and start the replica's threads.
/// This is test infrastructure: it uses MariaDB's replication syntax (CHANGE MASTER, MASTER_GTID_WAIT).
/// </summary>
public sealed class ReplicatedMariaDb : IAsyncLifetime
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(60);
    private string? _template;

    /// <summary>The server the tests write to (binary log on, server_id 1).</summary>
    public MariaDbServer Primary { get; private set; } = null!;

    /// <summary>Replicates everything from <see cref="Primary"/> (server_id 2, read_only, reports 127.0.0.1 and its port).</summary>
    public MariaDbServer Replica { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _template = Path.Combine(Path.GetTempPath(), "orgscope-tpl-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        await MariaDbServer.InstallDataDirectoryAsync(_template).ConfigureAwait(false);
        Primary = new MariaDbServer(new MariaDbServerOptions { ServerId = 1, BinaryLog = true, DataTemplate = _template, BufferPoolMegabytes = 64 });
        Replica = new MariaDbServer(new MariaDbServerOptions { ServerId = 2, ReportAddress = true, DataTemplate = _template, BufferPoolMegabytes = 64 });
        await Task.WhenAll(Primary.InitializeAsync(), Replica.InitializeAsync()).ConfigureAwait(false);
        Directory.Delete(_template, recursive: true);
        _template = null;

        // Both start from the same fresh data, so the replica replays the primary's binary log from its beginning.
        await ExecuteAsync(Replica.ConnectionString,
            $"CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = {Primary.Port}, MASTER_USER = 'root', MASTER_PASSWORD = '', " +
            "MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1; SET GLOBAL read_only = ON; START SLAVE").ConfigureAwait(false);
        await CaughtUpAsync().ConfigureAwait(false);
    }

    /// <summary>A connection string to <paramref name="database"/> on the replica (root, no password).</summary>
    public string ReplicaConnectionString(string database) =>
        new MySqlConnectionStringBuilder(Replica.ConnectionString) { Database = database }.ConnectionString;

    /// <summary>Stops applying (STOP SLAVE SQL_THREAD): the replica keeps receiving events but falls behind.</summary>
    public Task StopApplyingAsync() => ExecuteAsync(Replica.ConnectionString, "STOP SLAVE SQL_THREAD");

    /// <summary>Applies again (START SLAVE SQL_THREAD).</summary>
    public Task StartApplyingAsync() => ExecuteAsync(Replica.ConnectionString, "START SLAVE SQL_THREAD");

    /// <summary>Returns once the replica has applied everything the primary has written so far.</summary>
    public async Task CaughtUpAsync()
    {
        string position;
        await using (var primary = new MySqlConnection(Primary.ConnectionString))
        {
            await primary.OpenAsync().ConfigureAwait(false);
            await using var command = new MySqlCommand("SELECT @@gtid_binlog_pos", primary);
            position = Convert.ToString(await command.ExecuteScalarAsync().ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }

        await using var replica = new MySqlConnection(Replica.ConnectionString);
        await replica.OpenAsync().ConfigureAwait(false);
        await using var wait = new MySqlCommand("SELECT MASTER_GTID_WAIT(@position, @timeout)", replica) { CommandTimeout = (int)CatchUpTimeout.TotalSeconds + 10 };
        wait.Parameters.AddWithValue("@position", position);
        wait.Parameters.AddWithValue("@timeout", CatchUpTimeout.TotalSeconds);
        var result = Convert.ToInt32(await wait.ExecuteScalarAsync().ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (result != 0)
        {
            await using var status = new MySqlCommand("SHOW SLAVE STATUS", replica);
            await using var reader = await status.ExecuteReaderAsync().ConfigureAwait(false);
            var detail = "";
            if (await reader.ReadAsync().ConfigureAwait(false))
            {
                detail = $"IO {reader["Slave_IO_Running"]}, SQL {reader["Slave_SQL_Running"]}, last error: {reader["Last_Error"]} {reader["Last_IO_Error"]}";
            }

            throw new TimeoutException($"The replica did not reach the primary's position {position} within {CatchUpTimeout.TotalSeconds} s ({detail}).");
        }
    }

    public async Task DisposeAsync()
    {
        // The replica first, so that it does not spend its shutdown reconnecting to a primary that is gone.
        if (Replica is not null)
        {
            await Replica.DisposeAsync().ConfigureAwait(false);
        }

        if (Primary is not null)
        {
            await Primary.DisposeAsync().ConfigureAwait(false);
        }

        if (_template is not null && Directory.Exists(_template))
        {
            Directory.Delete(_template, recursive: true);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
