using OrgScope.Runtime.Connection;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// The replica-lag throttle where no replica is needed: a replica that cannot be reached holds every write back and
/// says so (never blind); bad settings stop the command before anything is written; passwords never show.
/// </summary>
[Collection("MariaDB")]
public sealed class ReplicaLagThrottleTests(MariaDbServer server)
{
    private const string Secret = "Replica-Secret-42";

    [Fact]
    public async Task An_unreachable_replica_holds_every_batch_back_and_says_which_and_why_but_the_dry_run_goes_on()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_unreachable", 300, 51);
        await using var _ = db;
        var options = Lagging($"Server=127.0.0.1;Port={Ports.Closed()};User ID=orgscope;Password={Secret}");
        var runbook = new Runbook(plan, db.ConnectionString, options);
        using var cancel = new CancellationTokenSource();
        var reports = new List<BatchProgress>();

        var summary = await runbook.BackfillAsync(new BackfillOptions { BatchSize = 100 }, new SyncProgress<BatchProgress>(p =>
        {
            reports.Add(p);
            if (reports.Count == 3)
            {
                cancel.Cancel();
            }
        }), cancel.Token);

        Assert.True(summary.Cancelled);
        Assert.All(reports, p => Assert.Matches(@"^replica 127\.0\.0\.1:\d+ unreachable \(Unable to connect to any of the specified MySQL hosts\): waiting until it answers$", p.ThrottleReason));
        Assert.Equal(0L, await AuditInvariants.EntriesAsync(db));
        Assert.Equal(0L, Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM users WHERE organization_id IS NOT NULL")));

        // Replica lag is what writes cause: the dry run is not held back by it.
        var dry = await runbook.BackfillAsync(new BackfillOptions { DryRun = true, BatchSize = 100 });
        Assert.False(dry.Cancelled);
        Assert.Contains(dry.Tables, t => t.RowsSet > 0);
    }

    [Fact]
    public async Task A_primary_that_lists_no_replica_stops_the_backfill_with_one_line_when_none_are_named()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_noreplica", 50, 52);
        await using var _ = db;

        var error = await Assert.ThrowsAsync<OperatorException>(() =>
            new Runbook(plan, db.ConnectionString, new RunbookOptions { MaxReplicaLag = TimeSpan.FromSeconds(1) }).BackfillAsync());

        Assert.Equal(FailureKind.Configuration, error.Kind);
        Assert.Equal(
            "No replica to watch: the primary lists none (SHOW REPLICAS / SHOW SLAVE HOSTS is empty): name them with --replica, or leave --max-replica-lag out if this database has no replicas.",
            error.Message);
        Assert.Equal(0L, await AuditInvariants.EntriesAsync(db));
    }

    [Theory]
    [InlineData("Server=db2;Password=" + Secret + ";Port=notanumber", "Replica 1 is not a valid MySQL connection string")]
    [InlineData("User ID=x;Password=" + Secret, "Replica 1 names no server")]
    public async Task A_bad_replica_connection_string_stops_the_backfill_before_anything_connects_without_showing_the_password(string replica, string expected)
    {
        var plan = SamplePlan.Document();
        // Nothing listens on this primary: the error must come first.
        var runbook = new Runbook(plan, $"Server=127.0.0.1;Port={Ports.Closed()};Database=x;User ID=root", Lagging(replica));

        var error = await Assert.ThrowsAsync<OperatorException>(() => runbook.BackfillAsync());

        Assert.Equal(FailureKind.Configuration, error.Kind);
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    private static RunbookOptions Lagging(string replica) => new()
    {
        MaxThreadsRunning = 0,
        MaxReplicaLag = TimeSpan.FromSeconds(1),
        ThrottleDelay = TimeSpan.FromMilliseconds(50),
        Replicas = [replica],
    };
}
