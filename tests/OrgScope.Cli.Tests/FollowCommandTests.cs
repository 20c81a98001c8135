using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

/// <summary>
/// <c>backfill --follow</c> through the real tool: it backfills, then sweeps until stopped; SIGTERM (what a service
/// manager sends) ends it after the batch in flight, with exit 0 and the follow run's totals.
/// </summary>
[Collection("MariaDB")]
public sealed class FollowCommandTests(MariaDbServer server)
{
    [Fact]
    public async Task It_backfills_then_fills_rows_inserted_meanwhile_and_SIGTERM_ends_it_with_exit_0()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "follow_cli");
        Assert.Equal(0, (await Cli.RunAsync(db.Environment, "migrate", "--assembly", Cli.SampleAssembly)).ExitCode);
        var (exitCode, lines, output) = await Cli.RunAndSignalAsync(db.Environment, "TERM", async line =>
            {
                if (line.EndsWith("Ctrl+C stops.", StringComparison.Ordinal))
                {
                    // The old code, after the backfill: a task for a user who has an organization, without one.
                    await db.Database.ExecuteScriptAsync("INSERT INTO tasks (id, title, assigned_to) SELECT 98001, 'old code', MIN(id) FROM users WHERE organization_id IS NOT NULL");
                }

                return line.StartsWith("follow tasks", StringComparison.Ordinal);
            },
            "backfill", "--follow", "--follow-interval", "1", "--assembly", Cli.SampleAssembly);

        Assert.True(exitCode == 0, output);
        Assert.Equal(1L, await db.CountAsync(
            "SELECT COUNT(*) FROM tasks t JOIN users u ON u.id = t.assigned_to WHERE t.id = 98001 AND t.organization_id = u.organization_id"));
        Assert.Contains(lines, l => l.StartsWith("backfill: run 1 done", StringComparison.Ordinal));
        Assert.Contains("follow tasks (run 2): set 1, unresolved 0", lines);
        Assert.Contains(lines, l => l.StartsWith("backfill --follow: run 2 stopped after ", StringComparison.Ordinal) && l.Contains(": 1 row(s) set, ", StringComparison.Ordinal));
        Assert.DoesNotContain(SampleDatabase.Password, output);
    }
}
