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
/// One table's rollback batches: the next keys in key order, then in one READ COMMITTED transaction the audited rows
/// of that range the app changed since (locked, reported, left alone) and the restore of the old value where the
/// current value is still the one the run wrote.
/// </summary>
internal sealed class RollbackBatch(Statements statements, long runId) : IBatchWork
{
    public const string Phase = "rollback";

    private readonly KeyCursor _cursor = new(statements);

    public string Table => statements.Table.Table;

    public long? RunId => runId;

    public long EstimatedRows => 0;

    public long Restored { get; private set; }

    /// <summary>Audited rows whose value is neither the written one nor the old one: the app changed them.</summary>
    public List<ChangedRow> ChangedSince { get; } = [];

    public async Task<BatchStep> NextAsync(MySqlConnection connection, int batchSize)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted).ConfigureAwait(false);
        var parameters = new Dictionary<string, object?> { ["@run_id"] = runId };
        var keys = await _cursor.NextKeysAsync(connection, transaction, parameters, batchSize).ConfigureAwait(false);
        var conflicts = new List<object?[]>();
        var restored = 0;
        if (keys.Count > 0)
        {
            conflicts = await DbSession.RowsAsync(connection, transaction, statements[BackfillStatementNames.RollbackConflicts], parameters).ConfigureAwait(false);
            restored = await DbSession.ExecuteAsync(connection, transaction, statements[BackfillStatementNames.Rollback], parameters).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        if (keys.Count == 0)
        {
            return BatchStep.Finished;
        }

        _cursor.Committed(keys);
        Restored += restored;
        ChangedSince.AddRange(conflicts.Select(r => new ChangedRow(
            Convert.ToString(r[0], CultureInfo.InvariantCulture)!, Convert.ToString(r[1], CultureInfo.InvariantCulture), Convert.ToString(r[2], CultureInfo.InvariantCulture))));
        return new BatchStep(End: false, Phase, keys.Count, restored, 0);
    }
}
