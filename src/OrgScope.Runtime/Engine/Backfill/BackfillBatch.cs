using System;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Runtime.Engine.Batching;
using OrgScope.Shared;

namespace OrgScope.Runtime.Engine.Backfill;

/// <summary>
/// One table's batches in a run (main pass over the primary key, then the sweep of rows still NULL behind the cursor).
/// Each batch is one READ COMMITTED transaction that re-reads and locks its checkpoint, selects and locks the batch's
/// NULL rows, audits, updates, records unresolved rows and advances the checkpoint, so that a crash or a retry resumes
/// exactly at the last commit. Five round trips per batch: checkpoint, keys, audit + update, unresolved + checkpoint,
/// COMMIT. The loop around it (throttles, retries, progress) is <see cref="BatchLoop"/>.
/// </summary>
internal sealed class BackfillBatch(Statements statements, long runId, long estimatedRows, Func<StatementEvent, Task>? beforeStatement) : IBatchWork
{
    public const string Main = "main", Sweep = "sweep", Done = "done";

    private readonly Dictionary<string, object?> _ids = Ids(runId, statements.Table.Table);

    public string Table => statements.Table.Table;

    public long? RunId => runId;

    public long EstimatedRows => estimatedRows;

    public static Dictionary<string, object?> Ids(long runId, string table) => new() { ["@run_id"] = runId, ["@table"] = table };

    // A table's first visit in a run: its old unresolved entries go (this run re-decides every NULL row) and its
    // checkpoint starts, in one transaction. Later visits (resume) find the checkpoint and change nothing.
    public static async Task<int> StartTableAsync(MySqlConnection connection, long runId, string table)
    {
        var ids = Ids(runId, table);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted).ConfigureAwait(false);
        var existing = await DbSession.ScalarAsync(
            connection, transaction, "SELECT `phase` FROM `orgscope_checkpoints` WHERE `run_id` = @run_id AND `table_name` = @table FOR UPDATE", ids).ConfigureAwait(false);
        if (existing is null)
        {
            await DbSession.ExecuteAsync(connection, transaction, "DELETE FROM `orgscope_unresolved` WHERE `table_name` = @table", ids).ConfigureAwait(false);
            await DbSession.ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO `orgscope_checkpoints` (`run_id`, `table_name`, `phase`, `last_key`, `updated_at`) VALUES (@run_id, @table, 'main', NULL, CURRENT_TIMESTAMP(6))",
                ids).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return 0;
    }

    // The rows the main pass will visit: the NULL rows, as the optimizer estimates them from the organization column's
    // index (EXPLAIN's `rows`, on MySQL and MariaDB alike; no scan). Only for progress and ETA.
    public static async Task<long> EstimateRowsAsync(MySqlConnection connection, Statements statements)
    {
        await using var command = DbSession.Command(connection, null, statements[BackfillStatementNames.EstimateNullRows], null);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var column = Enumerable.Range(0, reader.FieldCount).FirstOrDefault(i => string.Equals(reader.GetName(i), "rows", StringComparison.OrdinalIgnoreCase), -1);
        return column >= 0 && await reader.ReadAsync().ConfigureAwait(false) && !reader.IsDBNull(column)
            ? Convert.ToInt64(reader.GetValue(column), CultureInfo.InvariantCulture)
            : 0L;
    }

    public async Task<BatchStep> NextAsync(MySqlConnection connection, int batchSize)
    {
        var key = statements.Table.Key;
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted).ConfigureAwait(false);

        // The checkpoint is the truth (it may have advanced in a commit whose reply was lost); locking it also keeps two
        // runners of one run from taking the same batch.
        var checkpoint = await DbSession.RowsAsync(
            connection, transaction,
            "SELECT `phase`, `last_key`, `batch_no`, `rows_done` FROM `orgscope_checkpoints` WHERE `run_id` = @run_id AND `table_name` = @table FOR UPDATE",
            _ids).ConfigureAwait(false);
        if (checkpoint.Count == 0)
        {
            throw new InvalidOperationException($"No checkpoint for table '{Table}' in run {runId}.");
        }

        var phase = (string)checkpoint[0][0]!;
        var lastKey = checkpoint[0][1] as string;
        var batchNo = Convert.ToInt64(checkpoint[0][2], CultureInfo.InvariantCulture);
        var rowsDone = Convert.ToInt64(checkpoint[0][3], CultureInfo.InvariantCulture);
        if (phase == Done)
        {
            await transaction.CommitAsync().ConfigureAwait(false);
            return BatchStep.Finished;
        }

        var parameters = new Dictionary<string, object?>(_ids) { ["@batch_size"] = batchSize };
        var after = lastKey is null ? null : RowKey.Decode(lastKey, key);
        if (after is not null)
        {
            Statements.Bind(parameters, "after", after);
        }

        // The keys select also locks the batch: its rows are exactly the NULL rows it returns (FOR UPDATE under READ
        // COMMITTED keeps no lock on rows that do not match), so the audit reads rows nobody can change before COMMIT.
        var keysStatement = phase == Main
            ? after is null ? BackfillStatementNames.LockKeysFirst : BackfillStatementNames.LockKeysAfter
            : after is null ? BackfillStatementNames.NullKeysFirst : BackfillStatementNames.NullKeysAfter;

        async Task Before(string statement)
        {
            if (beforeStatement is not null)
            {
                await beforeStatement(new StatementEvent(Table, statement, batchNo + 1, connection.ServerThread, parameters)).ConfigureAwait(false);
            }
        }

        await Before(keysStatement).ConfigureAwait(false);
        var keys = await DbSession.RowsAsync(connection, transaction, statements[keysStatement], parameters).ConfigureAwait(false);

        if (keys.Count == 0)
        {
            var next = phase == Main ? Sweep : Done;
            SetCheckpoint(parameters, next, lastKey: null, batchNo, done: 0, set: 0, unresolved: 0);
            await DbSession.ExecuteAsync(connection, transaction, statements[BackfillStatementNames.Checkpoint], parameters).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            return next == Done ? BatchStep.Finished : new BatchStep(End: false, next, batchNo, 0, rowsDone, 0, 0);
        }

        Statements.Bind(parameters, "from", keys[0]);
        Statements.Bind(parameters, "to", keys[^1]);
        parameters["@batch_no"] = batchNo + 1;
        var locked = keys.Count;

        // Audit and update in one round trip, each followed by its row count: they must agree, or a row changed in
        // between (the batch retries).
        await Before(BackfillStatementNames.Audit).ConfigureAwait(false);
        var counts = await DbSession.RowCountsAsync(
            connection, transaction, parameters,
            statements[phase == Main ? BackfillStatementNames.Audit : BackfillStatementNames.AuditSweep],
            statements[BackfillStatementNames.Update]).ConfigureAwait(false);
        var (audited, updated) = ((int)counts[0], (int)counts[1]);
        if (updated != audited)
        {
            throw new BatchRaceException($"Batch {batchNo + 1} of '{Table}' audited {audited} row(s) but updated {updated}: a row changed in between; retrying.");
        }

        // Every locked row was written: nothing to record, so the unresolved capture is skipped (the common case on
        // real data). A NULL row inserted into the range after the lock is not lost: the sweep finds it. Otherwise the
        // capture and the checkpoint go in one round trip.
        var unresolved = Math.Max(0, locked - audited);
        SetCheckpoint(parameters, phase, RowKey.Encode(keys[^1]), batchNo + 1, keys.Count, audited, unresolved);
        var finish = statements[BackfillStatementNames.Checkpoint];
        if (unresolved > 0 || locked < audited)
        {
            await Before(BackfillStatementNames.Unresolved).ConfigureAwait(false);
            finish = statements[BackfillStatementNames.Unresolved] + ";\n" + finish;
        }

        await DbSession.ExecuteAsync(connection, transaction, finish, parameters).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return new BatchStep(End: false, phase, batchNo + 1, keys.Count, rowsDone + keys.Count, audited, unresolved);
    }

    // The checkpoint statement's parameters, beside the batch's own (none of the names overlap in meaning).
    private static void SetCheckpoint(Dictionary<string, object?> parameters, string phase, string? lastKey, long batchNo, int done, int set, int unresolved)
    {
        parameters["@phase"] = phase;
        parameters["@last_key"] = lastKey;
        parameters["@batch_no"] = batchNo;
        parameters["@rows_done"] = done;
        parameters["@rows_set"] = set;
        parameters["@rows_unresolved"] = unresolved;
    }
}
