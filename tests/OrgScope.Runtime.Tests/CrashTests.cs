using System.Diagnostics;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// The backfill process SIGKILLed at a random batch (several seeds), then run again: the same final state as an
/// undisturbed run, every written value audited exactly once.
/// </summary>
[Collection("MariaDB")]
public sealed class CrashTests(MariaDbServer server)
{
    [Theory]
    [InlineData(101)]
    [InlineData(202)]
    [InlineData(303)]
    public async Task A_run_killed_at_a_random_batch_resumes_to_the_same_final_state(int seed)
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_crash", 2500, seed);
        await using var _ = db;
        var expected = await SampleState.ExpectAsync(db);
        var planFile = Path.Combine(Path.GetTempPath(), $"orgscope-plan-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(planFile, SamplePlan.Json());
        try
        {
            // ~45 batches of 80 rows over the six tables; die somewhere in the first 40.
            var killAt = new Random(seed).Next(1, 40);
            var batches = await RunChildAndKillAsync(planFile, db.ConnectionString, batchSize: 80, killAt);
            Assert.Equal(killAt, batches);
            Assert.Equal("running", await db.ScalarAsync("SELECT status FROM orgscope_runs"));

            var summary = await new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches).BackfillAsync(new BackfillOptions { BatchSize = 80 });

            Assert.True(summary.Resumed);
            Assert.Equal(1L, Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM orgscope_runs")));
            await FaultTests.AssertCompleteAsync(db, expected);
        }
        finally
        {
            File.Delete(planFile);
        }
    }

    private static async Task<int> RunChildAndKillAsync(string planFile, string connectionString, int batchSize, int killAt)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { typeof(Program).Assembly.Location, "backfill-child", planFile, connectionString, batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var seen = 0;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("batch ", StringComparison.Ordinal))
            {
                continue;
            }

            // The child waits for this line after each batch: it can never run ahead of what the parent has read.
            await child.StandardInput.WriteLineAsync("go");
            await child.StandardInput.FlushAsync();
            if (++seen == killAt)
            {
                // Inside the next batch's transaction, most of the time (a batch of 80 rows takes a few ms).
                await Task.Delay(new Random(killAt).Next(0, 4));
                child.Kill(entireProcessTree: true); // SIGKILL: no finally, no rollback from the client
                break;
            }
        }

        await child.WaitForExitAsync();
        Assert.True(seen == killAt, $"the child ended after {seen} batches before batch {killAt}: {await stderr}");
        return seen;
    }
}
