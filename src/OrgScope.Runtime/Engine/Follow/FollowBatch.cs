using System;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Runtime.Engine.Backfill;
using OrgScope.Runtime.Engine.Batching;
using OrgScope.Shared;

namespace OrgScope.Runtime.Engine.Follow;

/// <summary>
/// One sweep of one table for <c>backfill --follow</c>, in key order from the table's first key: the rows still NULL
/// (<c>follow_keys_*</c>: all of them but those an earlier run left for a person, so the rows this follow left
/// unresolved are tried again each sweep), then the backfill's own audit, update and unresolved statements, each
/// batch one READ COMMITTED transaction that locks exactly its NULL rows (one audit row per batch). A row this run
/// already wrote that the application set back to NULL is written again, as in the backfill's sweep. A batch that wrote
/// nothing keeps no audit row. The cursor lives in memory: a sweep
/// that fails is simply the next sweep's work.
/// </summary>
internal sealed class FollowBatch(
    Statements statements, long runId, bool ownRecords, Func<long> nextBatchNo, Func<StatementEvent, Task>? beforeStatement) : IBatchWork
{
    public const string Phase = "follow";

    // The batch's audit row when nothing in the batch resolved: a sweep that tries this run's own unresolved rows again
    // (every interval, while such rows exist) would otherwise leave one empty '[]' row per batch per sweep. Deleted in the
    // batch's transaction, before any other statement of its last command (LAST_INSERT_ID() is still the audit row's).
    internal const string EmptyAudit = "DELETE FROM `orgscope_audit` WHERE `audit_id` = LAST_INSERT_ID() AND `run_id` = @run_id AND `rows_written` = 0";

    private object?[]? _after;

    public string Table => statements.Table.Table;

    public long? RunId => runId;

    public long EstimatedRows => 0;

    /// <summary>Rows this sweep of the table set.</summary>
    public long Set { get; private set; }

    /// <summary>This sweep recorded rows of the table as unresolved under the run (the next sweep must clear them as it goes).</summary>
    public bool Recorded { get; private set; }

    public async Task<BatchStep> NextAsync(MySqlConnection connection, int batchSize)
    {
        // A number no other batch of the run has, even after a retry, so that a person reading the audit tells batches apart.
        var parameters = new Dictionary<string, object?> { ["@run_id"] = runId, ["@table"] = Table, ["@batch_size"] = batchSize, ["@batch_no"] = nextBatchNo() };
        if (_after is not null)
        {
            Statements.Bind(parameters, "after", _after);
        }

        var keysStatement = _after is null ? BackfillStatementNames.FollowKeysFirst : BackfillStatementNames.FollowKeysAfter;
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted).ConfigureAwait(false);
        if (beforeStatement is not null)
        {
            await beforeStatement(new StatementEvent(Table, keysStatement, (long)parameters["@batch_no"]!, connection.ServerThread, parameters)).ConfigureAwait(false);
        }

        var keys = await DbSession.RowsAsync(connection, transaction, statements[keysStatement], parameters).ConfigureAwait(false);
        if (keys.Count == 0)
        {
            await transaction.CommitAsync().ConfigureAwait(false);
            return BatchStep.Finished;
        }

        Statements.Bind(parameters, "from", keys[0]);
        Statements.Bind(parameters, "to", keys[^1]);
        var (audited, updated) = await BackfillBatch.AuditAndUpdateAsync(connection, transaction, statements, parameters).ConfigureAwait(false);
        if (audited != updated)
        {
            throw new BatchRaceException($"A follow batch of '{Table}' audited {audited} row(s) but updated {updated}: a row changed in between; retrying.");
        }

        // The run's own records of the batch's rows go (a row tried again may resolve now), and the rows no source
        // resolves are recorded again, in the batch's transaction: report --unresolved never lists a row that was set.
        // Skipped while the run has no record for the table (the common case).
        var unresolved = Math.Max(0, keys.Count - audited);
        var finish = new List<string>();
        if (audited == 0)
        {
            finish.Add(EmptyAudit);
        }

        if (ownRecords)
        {
            finish.Add(ForgetOwnRecords(parameters, keys));
        }

        if (keys.Count != audited)
        {
            finish.Add(statements[BackfillStatementNames.Unresolved]);
        }

        if (finish.Count > 0)
        {
            await DbSession.ExecuteAsync(connection, transaction, string.Join(";\n", finish), parameters).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        _after = keys[^1];
        Set += audited;
        Recorded |= unresolved > 0;
        return new BatchStep(End: false, Phase, keys.Count, audited, unresolved);
    }

    // DELETE of this run's unresolved records of the batch's rows, by their canonical row_key (Engine/RowKey: the text
    // the generated SQL builds), as @rk0, @rk1, ... in the batch's parameters.
    private string ForgetOwnRecords(Dictionary<string, object?> parameters, IReadOnlyList<object?[]> keys)
    {
        var names = new List<string>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var name = "@rk" + i.ToString(CultureInfo.InvariantCulture);
            parameters[name] = RowKey.Encode(keys[i]);
            names.Add(name);
        }

        return "DELETE FROM `orgscope_unresolved` WHERE `table_name` = @table AND `run_id` = @run_id AND `row_key` IN (" + string.Join(", ", names) + ")";
    }
}
