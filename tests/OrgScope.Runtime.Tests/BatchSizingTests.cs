using MySqlConnector;
using OrgScope.Runtime.Engine.Batching;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// Batch auto-sizing: the controller as pure logic (grow 10 % under the target, shrink 20 % over it, smoothed; a
/// retried or very slow batch shrinks the next at once; bounds), then the same on a real server through the loop.
/// </summary>
[Collection("MariaDB")]
public sealed class BatchSizingTests(MariaDbServer server)
{
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(100);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Batches_well_under_the_target_grow_by_ten_percent_until_the_maximum()
    {
        var sizer = BatchSizer.Toward(Target, initial: 1000, min: 100, max: 1500);
        var sizes = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            sizer.Observe(Ms(20), sizer.Size, attempts: 1); // 0.02 ms per row: a batch of 1000 takes a fifth of the target
            sizes.Add(sizer.Size);
        }

        Assert.Equal([1100, 1210, 1331, 1464, 1500, 1500], sizes);
    }

    [Fact]
    public void Batches_over_the_target_shrink_by_twenty_percent_until_the_minimum()
    {
        var sizer = BatchSizer.Toward(Target, initial: 1000, min: 450, max: 5000);
        var sizes = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            sizer.Observe(Ms(sizer.Size * 0.3), sizer.Size, attempts: 1); // 0.3 ms per row: 1000 rows take 300 ms
            sizes.Add(sizer.Size);
        }

        Assert.Equal([800, 640, 512, 450, 450], sizes); // 410 would be under the minimum
    }

    [Fact]
    public void A_size_whose_smoothed_time_is_between_80_and_100_percent_of_the_target_stays()
    {
        var sizer = BatchSizer.Toward(Target, initial: 1000, min: 100, max: 5000);
        foreach (var ms in new[] { 90.0, 85, 95, 99, 81 })
        {
            sizer.Observe(Ms(ms), 1000, attempts: 1);
            Assert.Equal(1000, sizer.Size);
        }
    }

    [Fact]
    public void One_fast_batch_among_slow_ones_does_not_grow_the_size_the_average_is_smoothed()
    {
        var sizer = BatchSizer.Toward(Target, initial: 1000, min: 100, max: 5000);
        sizer.Observe(Ms(95), 1000, attempts: 1);
        sizer.Observe(Ms(95), 1000, attempts: 1);

        sizer.Observe(Ms(30), 1000, attempts: 1); // a lucky batch: the average moves to ~0.074 ms/row, 74 % of the target

        Assert.Equal(1100, sizer.Size);           // one 10 % step, not a jump to what 30 ms alone would allow
        Assert.InRange(sizer.MillisecondsPerRow!.Value, 0.073, 0.076);
    }

    [Fact]
    public void A_batch_that_needed_a_retry_shrinks_the_next_at_once_and_does_not_count_as_a_measure()
    {
        var sizer = BatchSizer.Toward(Target, initial: 1000, min: 100, max: 5000);
        sizer.Observe(Ms(50), 1000, attempts: 1); // fast: grows
        var measured = sizer.MillisecondsPerRow;

        sizer.Observe(Ms(2500), 1100, attempts: 2); // a lock wait timeout, then a retry

        Assert.Equal(880, sizer.Size);
        Assert.Equal(measured, sizer.MillisecondsPerRow);
    }

    [Fact]
    public void A_batch_twice_as_slow_as_the_target_shrinks_the_next_even_when_the_average_is_fine()
    {
        var sizer = BatchSizer.Toward(Target, initial: 1000, min: 100, max: 5000);
        for (var i = 0; i < 5; i++)
        {
            sizer.Observe(Ms(10 * sizer.Size / 1000.0), sizer.Size, attempts: 1);
        }

        var before = sizer.Size;
        sizer.Observe(Ms(250), before, attempts: 1); // the server stalled for one batch

        Assert.Equal((int)Math.Round(before * 0.8), sizer.Size);
    }

    [Fact]
    public void A_short_batch_at_the_end_of_a_table_is_not_taken_as_the_time_per_row()
    {
        var sizer = BatchSizer.Toward(Target, initial: 1000, min: 100, max: 5000);
        sizer.Observe(Ms(50), 1000, attempts: 1);
        var measured = sizer.MillisecondsPerRow;

        sizer.Observe(Ms(8), 3, attempts: 1); // 3 rows: almost all of it is the commit

        Assert.Equal(measured, sizer.MillisecondsPerRow);
    }

    [Fact]
    public void A_fixed_size_never_changes_and_an_initial_size_outside_the_bounds_widens_them()
    {
        var fixedSize = BatchSizer.Fixed(37);
        fixedSize.Observe(Ms(5000), 37, attempts: 3);
        Assert.Equal(37, fixedSize.Size);
        Assert.Equal(37, BatchSizer.For(SampleDatabase.FixedBatches, 37).Size);

        var small = BatchSizer.Toward(Target, initial: 10, min: 100, max: 200);
        small.Observe(Ms(500), 10, attempts: 1);   // 50 ms per row: far over the target
        Assert.Equal(10, small.Size);              // ... but the operator's 10 is the floor now
        var large = BatchSizer.Toward(Target, initial: 9000, min: 100, max: 200);
        large.Observe(Ms(9), 9000, attempts: 1);   // far under the target
        Assert.Equal(9000, large.Size);            // ... and 9000 the ceiling
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchSizer.Toward(Target, 100, min: 200, max: 100));
    }

    [Fact]
    public async Task On_a_real_server_fast_batches_grow_and_a_batch_that_hit_a_lock_wait_or_stalled_shrinks_the_next()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_sizing", 4000, 41);
        await using var _ = db;
        var expected = await SampleState.ExpectAsync(db);
        var options = new RunbookOptions
        {
            TargetBatchTime = TimeSpan.FromMilliseconds(500), // far above what a batch of these sizes takes here
            MinBatchSize = 20,
            MaxBatchSize = 5000,
            LockWaitTimeoutSeconds = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        };

        // An application transaction holds a tasks row of the 6th batch for longer than the lock wait timeout; the
        // 9th tasks batch stalls inside its transaction (a slow server, as the backfill sees it).
        await using var app = await db.OpenConnectionAsync();
        MySqlTransaction? holding = null;
        Task? release = null;
        var runbook = new Runbook(plan, db.ConnectionString, options)
        {
            BeforeStatement = async e =>
            {
                if (e.Table != "tasks")
                {
                    return;
                }

                if (e.BatchNo == 6 && e.Statement == "lock_keys_after" && holding is null)
                {
                    holding = await app.BeginTransactionAsync();
                    await new MySqlCommand(
                        $"SELECT id FROM tasks WHERE id > {e.Parameters["@after_k1"]} AND organization_id IS NULL ORDER BY id LIMIT 1 FOR UPDATE", app, holding).ExecuteScalarAsync();
                    release = Task.Run(async () =>
                    {
                        await Task.Delay(1500);
                        await holding.RollbackAsync();
                    });
                }

                if (e.BatchNo == 9 && e.Statement == "audit")
                {
                    await Task.Delay(options.TargetBatchTime * 3);
                }
            },
        };
        var batches = new List<BatchProgress>();

        await runbook.BackfillAsync(
            new BackfillOptions { BatchSize = 50, Tables = ["users", "tasks"] },
            new SyncProgress<BatchProgress>(p => { if (p.Table == "tasks" && p.ThrottledFor is null) batches.Add(p); }));

        await release!;
        var sizes = batches.Select(b => b.BatchSize).ToList();
        Assert.Equal([50, 55, 61, 67, 74], sizes.Take(5));           // fast batches: +10 % each
        Assert.True(batches[5].Attempts > 1, "the 6th batch never waited for the application's lock");
        Assert.Equal((int)Math.Round(sizes[5] * 0.8), sizes[6]);     // ... so the 7th is 20 % smaller
        Assert.True(batches[8].BatchDuration > options.TargetBatchTime * 2);
        Assert.Equal((int)Math.Round(sizes[8] * 0.8), sizes[9]);     // the stalled 9th shrinks the 10th
        Assert.True(sizes[^2] > sizes[9], "the size did not grow again after the stall");
        var actual = await SampleState.ReadAsync(db);
        Assert.Equal(expected.Orgs.Where(o => o.Key.StartsWith("tasks:", StringComparison.Ordinal)), actual.Orgs.Where(o => o.Key.StartsWith("tasks:", StringComparison.Ordinal)));
    }
}
