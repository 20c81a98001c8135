using System.Globalization;
using System.Text.RegularExpressions;
using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

/// <summary>
/// --max-replica-lag, --replica and --discover-replicas on backfill and rollback: what they accept, what the run says,
/// and that no password (the primary's or a replica's) ever shows. The lag itself is tested on a real replica in
/// OrgScope.Runtime.Tests (ReplicaLagTests).
/// </summary>
[Collection("MariaDB")]
public sealed class ReplicaLagCommandTests(MariaDbServer server)
{
    private const string ReplicaPassword = "Rp-77-replica-only-secret";

    // The second value is the bad one: the position counts.
    [Theory]
    [InlineData("db2:notaport", "orgscope: --replica #2 must be host[:port] (port 1-65535) or a connection string (Server=...;Port=...).")]
    [InlineData("user:" + ReplicaPassword + "@db2", "orgscope: --replica #2 must be host[:port] (port 1-65535) or a connection string (Server=...;Port=...).")]
    [InlineData("Server=db2;Password=" + ReplicaPassword + ";Port=notanumber", "orgscope: --replica #2 is not a valid MySQL connection string (")]
    [InlineData("User ID=ro;Password=" + ReplicaPassword, "orgscope: --replica #2 names no server: use host[:port] or ")]
    public async Task A_bad_replica_is_a_usage_error_that_names_it_by_position_and_shows_no_password(string replica, string expected)
    {
        var result = await Cli.RunAsync(null, "backfill", "--assembly", Cli.SampleAssembly, "--replica", "db1", "--replica", replica);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith(expected, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain(ReplicaPassword, result.All, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task A_replica_named_by_host_and_port_is_read_with_the_primarys_credentials_and_the_run_says_what_it_watches()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "lag_named");
        // The primary itself stands in for a replica that keeps up: lag is the heartbeat's own interval, far below 5 s.
        var result = await Cli.RunAsync(db.Environment, "backfill", "--assembly", Cli.SampleAssembly, "--replica", $"{db.Host}:{db.Port}", "--max-replica-lag", "5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"; replica lag at most 5.0 s on {db.Host}:{db.Port}.", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("throttled", result.Out, StringComparison.Ordinal);
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM orgscope_heartbeat")); // its row went with the run
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM tasks WHERE organization_id IS NULL AND id IN (1, 2)"));

        // Rollback writes in batches too, under the same options.
        var rollback = await Cli.RunAsync(db.Environment, "rollback", "--assembly", Cli.SampleAssembly, "--run", "1", "--replica", $"{db.Host}:{db.Port}");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM tasks WHERE organization_id IS NOT NULL"));
    }

    [Fact]
    public async Task A_primary_without_replicas_stops_a_lag_limited_backfill_with_one_line_before_writing()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "lag_discover");

        var backfill = await Cli.RunAsync(db.Environment, "backfill", "--assembly", Cli.SampleAssembly, "--max-replica-lag", "0.5");

        Assert.Equal(3, backfill.ExitCode);
        Assert.Equal(
            "orgscope: No replica to watch: the primary lists none (SHOW REPLICAS / SHOW SLAVE HOSTS is empty): name them with --replica, or leave --max-replica-lag out if this database has no replicas.",
            Assert.Single(backfill.ErrorLines));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM tasks WHERE organization_id IS NOT NULL"));
    }

    [Fact]
    public async Task An_unreachable_replica_pauses_the_real_tool_with_a_line_per_wait_until_Ctrl_C_and_no_password_shows()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "lag_unreachable");
        var port = Ports.Closed();
        var throttled = 0;
        var (exitCode, lines, all) = await Cli.RunAndInterruptAsync(
            db.Environment, line => line.StartsWith("throttled ", StringComparison.Ordinal) && ++throttled == 3,
            "backfill", "--assembly", Cli.SampleAssembly, "--max-replica-lag", "0.5",
            "--replica", $"Server=127.0.0.1;Port={port};User ID=lagreader;Password={ReplicaPassword}");

        Assert.True(exitCode == 130, all);
        Assert.Contains($"; replica lag at most 0.5 s on 127.0.0.1:{port}.", all, StringComparison.Ordinal);
        var waits = lines.Where(l => l.StartsWith("throttled ", StringComparison.Ordinal)).ToList();
        Assert.True(waits.Count >= 3, all);
        Assert.All(waits, l => Assert.Matches(
            $@"^throttled users: replica 127\.0\.0\.1:{port} unreachable \(Unable to connect to any of the specified MySQL hosts\): waiting until it answers; waited \d+ ms$", l));
        Assert.DoesNotContain(lines, l => l.StartsWith("batch ", StringComparison.Ordinal));
        Assert.DoesNotContain(ReplicaPassword, all, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleDatabase.Password, all, StringComparison.Ordinal);
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM tasks WHERE organization_id IS NOT NULL"));
    }
}
