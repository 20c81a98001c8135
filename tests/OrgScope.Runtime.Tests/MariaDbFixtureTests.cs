using System.Diagnostics;
using MySqlConnector;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// The test fixture's own install of a data directory (the replica fixture starts from one): under load the bootstrap
/// server has failed now and then, so a failure is tried once more from scratch, and a second one says why. And a
/// server that dies under a test is started again for the next one, its error log kept.
/// </summary>
public sealed class MariaDbFixtureTests
{
    [Fact]
    public async Task A_failed_install_is_tried_again_from_an_empty_folder()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "orgscope-fx-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            // Garbage where InnoDB's system tablespace goes: the first bootstrap fails ("ib_logfile0 was not found").
            Directory.CreateDirectory(dataDir);
            await File.WriteAllBytesAsync(Path.Combine(dataDir, "ibdata1"), new byte[1 << 20]);

            await MariaDbServer.InstallDataDirectoryAsync(dataDir);

            Assert.True(Directory.Exists(Path.Combine(dataDir, "mysql")));
            Assert.True(File.Exists(Path.Combine(dataDir, "mysql", "user.MAI")) || File.Exists(Path.Combine(dataDir, "mysql", "global_priv.MAI")));
            Assert.False(File.Exists(dataDir + ".install.err"));
        }
        finally
        {
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task An_install_that_fails_twice_carries_the_bootstrap_servers_errors()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "orgscope-fx-" + Guid.NewGuid().ToString("N")[..12]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MariaDbServer.InstallDataDirectoryAsync(dataDir, "--orgscope-no-such-option=1"));

        Assert.StartsWith($"mariadb-install-db failed twice for {dataDir}:", error.Message, StringComparison.Ordinal);
        Assert.Contains("attempt 1: exit code 1; ", error.Message, StringComparison.Ordinal);
        Assert.Contains("attempt 2: exit code 1; ", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Message.Split("unknown variable 'orgscope-no-such-option=1'").Length - 1);
        Assert.False(Directory.Exists(dataDir));
        Assert.False(File.Exists(dataDir + ".install.err"));
    }

    [Fact]
    public async Task A_server_that_died_under_a_test_is_started_again_for_the_next_one_and_its_error_log_is_kept()
    {
        var server = MariaDbServer.Throwaway();
        await server.InitializeAsync();
        try
        {
            await using (var before = await server.CreateDatabaseAsync("before_death"))
            {
                await ScalarAsync(before.ConnectionString, "CREATE TABLE t (id INT PRIMARY KEY)");
            }

            // What a segfault does to the tests in flight: the process is gone, connections are refused.
            var pid = int.Parse(File.ReadAllText((string)(await ScalarAsync(server.ConnectionString, "SELECT @@pid_file"))!).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            using (var process = Process.GetProcessById(pid))
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            await Assert.ThrowsAsync<MySqlException>(() => ScalarAsync(server.ConnectionString, "SELECT 1"));
            var port = server.Port;

            await using var after = await server.CreateDatabaseAsync("after_death");

            Assert.Equal(1L, Convert.ToInt64(await ScalarAsync(after.ConnectionString, "SELECT 1"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(port, server.Port);
            var kept = Assert.Single(server.DeathLogs);
            Assert.Contains("ready for connections", await File.ReadAllTextAsync(kept), StringComparison.Ordinal);
            File.Delete(kept);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
