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
            var (batches, _) = await ChildBackfill.RunAsync(planFile, db.ConnectionString, batchSize: 80, killAt);
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
}
