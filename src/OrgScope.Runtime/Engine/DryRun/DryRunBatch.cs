using System;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Runtime.Engine.Batching;
using OrgScope.Shared;

namespace OrgScope.Runtime.Engine.DryRun;

/// <summary>
/// One table's dry-run batches: the next keys in key order (no lock), then the dry_run statement's counts per outcome
/// and source or reason for the range's NULL rows, in a READ ONLY transaction. Its cursor and counts live in memory
/// (a dry run writes nothing, not even a checkpoint).
/// </summary>
internal sealed class DryRunBatch(Statements statements, long estimatedRows) : IBatchWork
{
    public const string Phase = "dry-run";

    private readonly KeyCursor _cursor = new(statements);

    public string Table => statements.Table.Table;

    public long? RunId => null;

    /// <summary>The table's rows (InnoDB's estimate): a dry run visits each one.</summary>
    public long EstimatedRows => estimatedRows;

    /// <summary>Rows that would be set, per source.</summary>
    public Dictionary<string, long> SetBySource { get; } = new(StringComparer.Ordinal);

    /// <summary>Rows that would stay unresolved, per reason.</summary>
    public Dictionary<string, long> UnresolvedByReason { get; } = new(StringComparer.Ordinal);

    public async Task<BatchStep> NextAsync(MySqlConnection connection, int batchSize)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, isReadOnly: true).ConfigureAwait(false);
        var parameters = new Dictionary<string, object?>();
        var keys = await _cursor.NextKeysAsync(connection, transaction, parameters, batchSize).ConfigureAwait(false);
        var rows = new List<object?[]>();
        if (keys.Count > 0)
        {
            rows = await DbSession.RowsAsync(connection, transaction, statements[BackfillStatementNames.DryRun], parameters).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        if (keys.Count == 0)
        {
            return BatchStep.Finished;
        }

        _cursor.Committed(keys);
        long set = 0, unresolved = 0;
        foreach (var row in rows)
        {
            var outcome = (string)row[0]!;
            var detail = Convert.ToString(row[1], CultureInfo.InvariantCulture) ?? "";
            var count = Convert.ToInt64(row[2], CultureInfo.InvariantCulture);
            var into = outcome == "set" ? SetBySource : UnresolvedByReason;
            into[detail] = into.GetValueOrDefault(detail) + count;
            if (outcome == "set")
            {
                set += count;
            }
            else
            {
                unresolved += count;
            }
        }

        return new BatchStep(End: false, Phase, keys.Count, set, unresolved);
    }
}
