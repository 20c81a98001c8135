using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Plan;
using OrgScope.Runtime.Connection;
using OrgScope.Runtime.Engine.Batching;
using OrgScope.Runtime.Engine.Throttling;

namespace OrgScope.Runtime.Engine.Rollback;

/// <summary>
/// Restores the values a run wrote, from its audit, table by table in reverse plan order, through the same batch loop
/// and throttles as the backfill (<see cref="RollbackBatch"/>: one of the run's audit rows per batch): only where the
/// current value is still the one the run wrote. Rows the app changed since are locked, reported and left alone; audited rows that no longer exist are counted
/// as missing.
/// </summary>
internal sealed class RollbackEngine(DbSession session, RunbookOptions options, ThrottleGate gate, StatementSource statementSource)
{
    private readonly Retry _retry = new(session, options);

    public async Task<RollbackSummary> RunAsync(IReadOnlyList<PlanTable> planTables, long runId, int batchSize, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var connection = await session.OpenAsync(cancellationToken).ConfigureAwait(false);
        await RunStore.RequireTablesAsync(connection).ConfigureAwait(false);
        var status = await RunStore.StatusAsync(connection, runId).ConfigureAwait(false);
        if (status is null)
        {
            throw new OperatorException(FailureKind.Usage, $"Run {runId} does not exist: `orgscope report` lists runs in orgscope_runs.");
        }

        if (status == "rolled_back")
        {
            throw new OperatorException(FailureKind.Refused, $"Run {runId} is already rolled back.");
        }

        var ids = new Dictionary<string, object?> { ["@run_id"] = runId };
        var audited = await RunStore.CountsAsync(
            connection, "SELECT `table_name`, SUM(`rows_written`) FROM `orgscope_audit` WHERE `run_id` = @run_id GROUP BY `table_name` HAVING SUM(`rows_written`) > 0", ids).ConfigureAwait(false);

        var loop = new BatchLoop(_retry, gate, progress);
        var summaries = new List<TableRollbackSummary>();
        foreach (var table in planTables.Reverse().Where(t => audited.ContainsKey(t.Table)))
        {
            var (statements, _) = await _retry.RunAsync(c => statementSource.ForAsync(c, table)).ConfigureAwait(false);
            var work = new RollbackBatch(statements, runId, audited[table.Table]);
            // A rollback batch is one of the backfill's (one audit row), whatever size the sizer asks for.
            var result = await loop.RunAsync(work, BatchSizer.For(options, batchSize), new BatchTimer(), cancellationToken).ConfigureAwait(false);
            if (result.Cancelled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            var total = audited[table.Table];
            summaries.Add(new TableRollbackSummary(table.Table, total, work.Restored, work.ChangedSince, Math.Max(0, total - work.Restored - work.ChangedSince.Count)));
        }

        // The run's unresolved entries describe values it no longer stands behind; the next backfill records them again.
        await _retry.RunAsync(async c =>
        {
            await DbSession.ExecuteAsync(c, null, "DELETE FROM `orgscope_unresolved` WHERE `run_id` = @run_id", ids).ConfigureAwait(false);
            await RunStore.SetStatusAsync(c, runId, "rolled_back", finished: true).ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);
        return new RollbackSummary(runId, summaries);
    }
}
