using System;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Runtime.Engine.Batching;
using OrgScope.Shared;

namespace OrgScope.Runtime.Engine.Rollback;

/// <summary>
/// One table's rollback: the run's audit rows for it, newest first, one per batch (the backfill's own batches). In one
/// READ COMMITTED transaction per audit row: the rows it wrote whose value the app changed since (locked, reported, left
/// alone), then NULL back where the value is still the one written. Newest first, so a row written twice in one run
/// (the app cleared it, the sweep wrote it again) is undone by its last write; its earlier entry then finds it NULL.
/// </summary>
internal sealed class RollbackBatch(Statements statements, long runId, long estimatedRows) : IBatchWork
{
    public const string Phase = "rollback";

    internal const string NextAudit =
        "SELECT `audit_id`, `rows_written` FROM `orgscope_audit` WHERE `run_id` = @run_id AND `table_name` = @table AND `audit_id` < @before " +
        "ORDER BY `audit_id` DESC LIMIT 1";

    private long _before = long.MaxValue;

    public string Table => statements.Table.Table;

    public long? RunId => runId;

    public long EstimatedRows => estimatedRows;

    public long Restored { get; private set; }

    /// <summary>Audited rows whose value is neither the written one nor NULL: the app changed them.</summary>
    public List<ChangedRow> ChangedSince { get; } = [];

    public async Task<BatchStep> NextAsync(MySqlConnection connection, int batchSize)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted).ConfigureAwait(false);
        var parameters = new Dictionary<string, object?> { ["@run_id"] = runId, ["@table"] = Table, ["@before"] = _before };
        var audit = await DbSession.RowsAsync(connection, transaction, NextAudit, parameters).ConfigureAwait(false);
        if (audit.Count == 0)
        {
            await transaction.CommitAsync().ConfigureAwait(false);
            return BatchStep.Finished;
        }

        var auditId = Convert.ToInt64(audit[0][0], CultureInfo.InvariantCulture);
        var entries = Convert.ToInt32(audit[0][1], CultureInfo.InvariantCulture);
        parameters["@audit_id"] = auditId;
        var conflicts = await DbSession.RowsAsync(connection, transaction, statements[BackfillStatementNames.RollbackConflicts], parameters).ConfigureAwait(false);
        var restored = await DbSession.ExecuteAsync(connection, transaction, statements[BackfillStatementNames.Rollback], parameters).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);

        // Committed: only now does the cursor move (a retried batch reads the same audit row again).
        _before = auditId;
        Restored += restored;
        ChangedSince.AddRange(conflicts.Select(r => new ChangedRow(
            Convert.ToString(r[0], CultureInfo.InvariantCulture)!, Convert.ToString(r[1], CultureInfo.InvariantCulture), Convert.ToString(r[2], CultureInfo.InvariantCulture))));
        return new BatchStep(End: false, Phase, entries, restored, 0); // 0 entries: no progress line
    }
}
