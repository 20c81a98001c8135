using System;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Plan;
using OrgScope.Runtime.Connection;
using OrgScope.Shared;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// Restores the values a run wrote, from its audit, table by table in reverse plan order and in keyset batches: only
/// where the current value is still the one the run wrote. Rows the app changed since are locked, reported and left
/// alone; audited rows that no longer exist are counted as missing.
/// </summary>
internal sealed class RollbackEngine(DbSession session, RunbookOptions options)
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
            connection, "SELECT `table_name`, COUNT(*) FROM `orgscope_audit` WHERE `run_id` = @run_id GROUP BY `table_name`", ids).ConfigureAwait(false);

        var summaries = new List<TableRollbackSummary>();
        foreach (var table in planTables.Reverse().Where(t => audited.ContainsKey(t.Table)))
        {
            var statements = new Statements(table);
            var changed = new List<ChangedRow>();
            long restored = 0, done = 0, batchNo = 0;
            object?[]? after = null;
            var timer = new BatchTimer();
            while (!cancellationToken.IsCancellationRequested)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var ((keys, batchRestored, batchChanged), attempts) = await _retry.RunAsync(async c =>
                {
                    await using var transaction = await c.BeginTransactionAsync(IsolationLevel.ReadCommitted).ConfigureAwait(false);
                    var parameters = new Dictionary<string, object?>(ids) { ["@batch_size"] = batchSize };
                    if (after is not null)
                    {
                        BackfillEngine.Bind(parameters, "after", after);
                    }

                    var batchKeys = await DbSession.RowsAsync(
                        c, transaction, statements[after is null ? BackfillStatementNames.KeysFirst : BackfillStatementNames.KeysAfter], parameters).ConfigureAwait(false);
                    var conflicts = new List<object?[]>();
                    var count = 0;
                    if (batchKeys.Count > 0)
                    {
                        BackfillEngine.Bind(parameters, "from", batchKeys[0]);
                        BackfillEngine.Bind(parameters, "to", batchKeys[^1]);
                        conflicts = await DbSession.RowsAsync(c, transaction, statements[BackfillStatementNames.RollbackConflicts], parameters).ConfigureAwait(false);
                        count = await DbSession.ExecuteAsync(c, transaction, statements[BackfillStatementNames.Rollback], parameters).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync().ConfigureAwait(false);
                    return (batchKeys, count, conflicts);
                }).ConfigureAwait(false);
                if (keys.Count == 0)
                {
                    break;
                }

                after = keys[^1];
                restored += batchRestored;
                done += keys.Count;
                batchNo++;
                changed.AddRange(batchChanged.Select(r => new ChangedRow(
                    Convert.ToString(r[0], CultureInfo.InvariantCulture)!, Convert.ToString(r[1], CultureInfo.InvariantCulture), Convert.ToString(r[2], CultureInfo.InvariantCulture))));
                timer.Add(watch.Elapsed, keys.Count);
                progress?.Report(new BatchProgress(table.Table, "rollback", runId, batchNo, done, done, batchRestored, 0, timer.RowsPerSecond, null, watch.Elapsed, attempts));
            }

            cancellationToken.ThrowIfCancellationRequested();
            var total = audited[table.Table];
            summaries.Add(new TableRollbackSummary(table.Table, total, restored, changed, Math.Max(0, total - restored - changed.Count)));
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
