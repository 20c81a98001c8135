using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Plan;
using OrgScope.Runtime.Connection;
using OrgScope.Runtime.Engine.Batching;
using OrgScope.Runtime.Engine.Throttling;

namespace OrgScope.Runtime.Engine.Follow;

/// <summary>
/// <c>orgscope backfill --follow</c>, for teams that cannot use 004's triggers: after the backfill, a run of its own
/// (status 'following' while it lasts, so no backfill ever resumes it) sweeps every table's new NULL rows every
/// <see cref="FollowOptions.Interval"/> until cancelled, through the same batch loop, throttles and statements as the
/// backfill. Every value it writes has its audit row under its run (orgscope rollback --run undoes it). While it runs it
/// holds a named lock (<see cref="LockName"/>) on a connection of its own, so that a follow killed before it could mark
/// its run ends up 'abandoned' when the next follow starts (<see cref="AbandonKilled"/>), never 'following' for ever.
/// </summary>
internal sealed class FollowEngine(string connectionString, DbSession session, RunbookOptions options, ThrottleGate gate, Func<StatementEvent, Task>? beforeStatement)
{
    /// <summary>The status of a follow run while it sweeps: not one a backfill resumes (RunStore's unfinished ones).</summary>
    public const string Following = "following";

    /// <summary>The named lock a follow run holds while its process lives (GET_LOCK: freed by the server when its connection ends).</summary>
    public static string LockName(long runId) => "orgscope.follow." + runId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Follow runs whose process is gone (killed, or its machine lost: the server freed their lock) are marked 'abandoned'.
    /// Runs younger than a minute are left alone: one may have inserted its row and not yet taken its lock.
    /// </summary>
    internal const string AbandonKilled =
        "UPDATE `orgscope_runs` SET `status` = 'abandoned', `finished_at` = CURRENT_TIMESTAMP(6) WHERE `status` = 'following' " +
        "AND `started_at` < CURRENT_TIMESTAMP(6) - INTERVAL 1 MINUTE AND IS_FREE_LOCK(CONCAT('orgscope.follow.', `run_id`)) = 1";

    private readonly Retry _retry = new(session, options);

    public async Task<BackfillSummary> RunAsync(IReadOnlyList<PlanTable> tables, FollowOptions follow, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var connection = await session.OpenAsync(cancellationToken).ConfigureAwait(false);
        await RunStore.RequireTablesAsync(connection).ConfigureAwait(false);
        var (runId, _) = await _retry.RunAsync(async c =>
        {
            await DbSession.ExecuteAsync(c, null, AbandonKilled, null).ConfigureAwait(false);

            // A run of its own (never one to resume): the audit of what it writes is under its id.
            await DbSession.ExecuteAsync(c, null,
                "INSERT INTO `orgscope_runs` (`status`, `batch_size`, `tables`, `started_at`) VALUES (@status, @batch_size, @tables, CURRENT_TIMESTAMP(6))",
                new Dictionary<string, object?> { ["@status"] = Following, ["@batch_size"] = follow.BatchSize, ["@tables"] = string.Join(",", tables.Select(t => t.Table)) })
                .ConfigureAwait(false);
            return Convert.ToInt64(await DbSession.ScalarAsync(c, null, "SELECT LAST_INSERT_ID()", null).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }).ConfigureAwait(false);

        await using var liveness = new Backfill.WorkerLiveness(connectionString, options, LockName(runId));
        var loop = new BatchLoop(_retry, gate, progress);
        var totals = tables.ToDictionary(t => t.Table, _ => (Set: 0L, Timer: new BatchTimer(), Retries: 0), StringComparer.Ordinal);
        long batchNo = 0;
        var recorded = new HashSet<string>(StringComparer.Ordinal); // tables the run holds unresolved records of
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await liveness.EnsureAsync().ConfigureAwait(false); // each sweep (again, after its connection was lost)
                foreach (var table in tables)
                {
                    var work = new FollowBatch(new Statements(table), runId, recorded.Contains(table.Table), () => Interlocked.Increment(ref batchNo), beforeStatement);
                    var total = totals[table.Table];
                    var result = await loop.RunAsync(work, BatchSizer.For(options, follow.BatchSize), total.Timer, cancellationToken).ConfigureAwait(false);
                    totals[table.Table] = (total.Set + work.Set, total.Timer, total.Retries + result.Retries);
                    if (work.Recorded)
                    {
                        recorded.Add(table.Table);
                    }
                    if (result.Cancelled)
                    {
                        break;
                    }
                }

                try
                {
                    await Task.Delay(follow.Interval, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            // Stopped (Ctrl+C, SIGTERM) or failed: everything written is committed and audited; there is nothing to
            // resume (the next follow or backfill starts from the rows still NULL), so the run is never 'running' again.
            await _retry.RunAsync(async c =>
            {
                await RunStore.SetStatusAsync(c, runId, "completed", finished: true).ConfigureAwait(false);
                return 0;
            }).ConfigureAwait(false);
        }

        // The rows left for a person are what orgscope_unresolved holds for this run when it stops (a row tried again and
        // resolved in a later sweep is no longer there).
        var summaries = new List<TableBackfillSummary>();
        foreach (var table in tables)
        {
            var (set, timer, retries) = totals[table.Table];
            var byReason = await _retry.RunAsync(c => RunStore.CountsAsync(
                c, "SELECT `reason`, COUNT(*) FROM `orgscope_unresolved` WHERE `run_id` = @run_id AND `table_name` = @table GROUP BY `reason`",
                new Dictionary<string, object?> { ["@run_id"] = runId, ["@table"] = table.Table })).ConfigureAwait(false);
            summaries.Add(new TableBackfillSummary(table.Table, timer.RowsDone, set, byReason.Result.Values.Sum(), new Dictionary<string, long>(), byReason.Result,
                timer.Batches, retries, timer.Percentile(0.50), timer.Percentile(0.99), timer.Elapsed));
        }

        return new BackfillSummary(runId, DryRun: false, Resumed: false, Cancelled: true, summaries, elapsed.Elapsed);
    }
}
