using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// The test fixture's own install of a data directory (the replica fixture starts from one): under load the bootstrap
/// server has failed now and then, so a failure is tried once more from scratch, and a second one says why.
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
}
