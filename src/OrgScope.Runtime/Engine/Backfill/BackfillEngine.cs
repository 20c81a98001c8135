using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Engine.Batching;
using OrgScope.Runtime.Engine.Throttling;

namespace OrgScope.Runtime.Engine.Backfill;

/// <summary>
/// The real backfill (DESIGN.md "Backfill"): starts or resumes a run, then the tables in plan order, each through the
/// batch loop with <see cref="BackfillBatch"/> (main pass, then the sweep); marks the run completed, cancelled or failed.
/// </summary>
internal sealed class BackfillEngine(DbSession session, RunbookOptions options, ThrottleGate gate, Func<StatementEvent, Task>? beforeStatement = null)
{
    private readonly Retry _retry = new(session, options);

    public async Task<BackfillSummary> RunAsync(IReadOnlyList<PlanTable> tables, BackfillOptions backfill, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var connection = await session.OpenAsync(cancellationToken).ConfigureAwait(false);
        await RunStore.RequireTablesAsync(connection).ConfigureAwait(false);
        var (runId, resumed) = await RunStore.StartAsync(connection, backfill.Restart, backfill.BatchSize, tables.Select(t => t.Table)).ConfigureAwait(false);

        var loop = new BatchLoop(_retry, gate, progress);
        var summaries = new List<TableBackfillSummary>();
        var cancelled = false;
        try
        {
            foreach (var table in tables)
            {
                var (summary, stopped) = await TableAsync(loop, runId, new Statements(table), backfill.BatchSize, cancellationToken).ConfigureAwait(false);
                summaries.Add(summary);
                if (stopped)
                {
                    cancelled = true;
                    break;
                }
            }

            await _retry.RunAsync(async c =>
            {
                await RunStore.SetStatusAsync(c, runId, cancelled ? "cancelled" : "completed", finished: !cancelled).ConfigureAwait(false);
                return 0;
            }).ConfigureAwait(false);
        }
        catch
        {
            await TryMarkFailedAsync(runId).ConfigureAwait(false);
            throw;
        }

        return new BackfillSummary(runId, DryRun: false, resumed, cancelled, summaries, total.Elapsed);
    }

    private async Task TryMarkFailedAsync(long runId)
    {
        try
        {
            var connection = await session.OpenAsync().ConfigureAwait(false);
            await RunStore.SetStatusAsync(connection, runId, "failed", finished: false).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MySqlException or InvalidOperationException or System.IO.IOException)
        {
            // The run stays 'running'; --resume continues it all the same.
        }
    }

    private async Task<(TableBackfillSummary Summary, bool Cancelled)> TableAsync(
        BatchLoop loop, long runId, Statements statements, int batchSize, CancellationToken cancellationToken)
    {
        var table = statements.Table.Table;
        await _retry.RunAsync(c => BackfillBatch.StartTableAsync(c, runId, table)).ConfigureAwait(false);
        var (estimate, _) = await _retry.RunAsync(c => BackfillBatch.EstimateRowsAsync(c, statements)).ConfigureAwait(false);
        var result = await loop.RunAsync(new BackfillBatch(statements, runId, estimate, beforeStatement), BatchSizer.For(options, batchSize), cancellationToken).ConfigureAwait(false);

        var connection = await session.OpenAsync().ConfigureAwait(false);
        var ids = BackfillBatch.Ids(runId, table);
        var bySource = await RunStore.CountsAsync(
            connection, "SELECT `source`, COUNT(*) FROM `orgscope_audit` WHERE `run_id` = @run_id AND `table_name` = @table GROUP BY `source`", ids).ConfigureAwait(false);
        var byReason = await RunStore.CountsAsync(
            connection, "SELECT `reason`, COUNT(*) FROM `orgscope_unresolved` WHERE `run_id` = @run_id AND `table_name` = @table GROUP BY `reason`", ids).ConfigureAwait(false);
        var timer = result.Timer;
        var summary = new TableBackfillSummary(
            table, timer.RowsThisInvocation, bySource.Values.Sum(), byReason.Values.Sum(), bySource, byReason,
            timer.Batches, result.Retries, timer.Percentile(0.50), timer.Percentile(0.99), timer.Elapsed);
        return (summary, result.Cancelled);
    }
}
