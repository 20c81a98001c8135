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
/// The batches of one range of a table that a worker holds the lease of (a main range over the primary key, or the
/// sweep over rows still NULL). Each batch is one READ COMMITTED transaction that re-reads and locks the range's row
/// (its checkpoint, and the proof that this worker still holds it), selects and locks the batch's NULL rows up to the
/// range's end, audits them (one audit row per batch), updates, records unresolved rows and advances the range's
/// checkpoint and lease, so that a crash or a retry resumes exactly at the last commit and another worker can take the
/// range over from there. Five round trips per batch: range row, keys, audit + update, unresolved + checkpoint, COMMIT.
/// The loop around it (throttles, retries, sizing, progress) is <see cref="BatchLoop"/>; claiming ranges is <see cref="RangeStore"/>.
/// </summary>
internal sealed class BackfillBatch(
    Statements statements, long runId, ClaimedRange range, Lease lease, long estimatedRows, Func<StatementEvent, Task>? beforeStatement) : IBatchWork
{
    // How many values the audit row the batch just inserted holds (its `audit` statement always inserts exactly one).
    internal const string AuditedRows = "SELECT `rows_written` FROM `orgscope_audit` WHERE `audit_id` = LAST_INSERT_ID()";

    private readonly Dictionary<string, object?> _ids = new(RangeStore.Ids(runId, statements.Table.Table)) { ["@range_no"] = range.RangeNo, ["@owner"] = lease.Owner };

    public string Table => statements.Table.Table;

    public long? RunId => runId;

    public long EstimatedRows => estimatedRows;

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

        // The range's row is the truth (it may have advanced in a commit whose reply was lost); locking it keeps any
        // other worker from taking this range while the batch is in flight, and its owner says whether it is still ours.
        var row = await DbSession.RowsAsync(
            connection, transaction,
            "SELECT `status`, `owner`, `last_key`, `batch_no` FROM `orgscope_ranges` WHERE `run_id` = @run_id AND `table_name` = @table AND `range_no` = @range_no FOR UPDATE",
            _ids).ConfigureAwait(false);
        if (row.Count == 0)
        {
            throw new InvalidOperationException($"No range {range.RangeNo} of table '{Table}' in run {runId}.");
        }

        if (!string.Equals(row[0][1] as string, lease.Owner, StringComparison.Ordinal))
        {
            // Its lease expired (or this process's liveness lock was lost) and another worker took it over.
            throw new LeaseLostException($"{Table} range {range.RangeNo} is now worked on by {row[0][1] ?? "nobody"}, not {lease.Owner}.");
        }

        if ((string)row[0][0]! == RangeStore.Done)
        {
            await transaction.CommitAsync().ConfigureAwait(false);
            return BatchStep.Finished; // a retry after a COMMIT whose reply was lost
        }

        var lastKey = row[0][2] as string ?? range.FromKey;
        var batchNo = Convert.ToInt64(row[0][3], CultureInfo.InvariantCulture);
        var parameters = new Dictionary<string, object?>(_ids) { ["@batch_size"] = batchSize, ["@lease_us"] = lease.Microseconds };
        var after = lastKey is null ? null : RowKey.Decode(lastKey, key);
        if (after is not null)
        {
            Statements.Bind(parameters, "after", after);
        }

        var sweep = range.Kind == RangeStore.Sweep;
        if (range.ToKey is not null)
        {
            Statements.Bind(parameters, "until", RowKey.Decode(range.ToKey, key));
        }

        // The keys select also locks the batch: its rows are exactly the NULL rows it returns (FOR UPDATE under READ
        // COMMITTED keeps no lock on rows that do not match), so the audit reads rows nobody can change before COMMIT.
        var keysStatement = sweep
            ? after is null ? BackfillStatementNames.NullKeysFirst : BackfillStatementNames.NullKeysAfter
            : range.ToKey is null
                ? after is null ? BackfillStatementNames.LockKeysFirst : BackfillStatementNames.LockKeysAfter
                : after is null ? BackfillStatementNames.LockKeysFirstUntil : BackfillStatementNames.LockKeysAfterUntil;

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
            // The range is done; the sweep's end is the table's.
            await DbSession.ExecuteAsync(
                connection, transaction,
                "UPDATE `orgscope_ranges` SET `status` = 'done', `updated_at` = UTC_TIMESTAMP(6) WHERE `run_id` = @run_id AND `table_name` = @table AND `range_no` = @range_no",
                parameters).ConfigureAwait(false);
            if (sweep)
            {
                await RangeStore.FinishTableAsync(connection, transaction, runId, Table).ConfigureAwait(false);
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            return BatchStep.Finished;
        }

        var phase = sweep ? RangeStore.Sweep : RangeStore.Main;
        Statements.Bind(parameters, "from", keys[0]);
        Statements.Bind(parameters, "to", keys[^1]);
        parameters["@batch_no"] = AuditBatchNo(batchNo + 1);
        var locked = keys.Count;

        // Audit and update in one round trip: the batch's audit row (its entries counted), then the UPDATE that writes
        // exactly those entries, then its row count. They must agree, or a row changed in between (the batch retries).
        await Before(BackfillStatementNames.Audit).ConfigureAwait(false);
        var (audited, updated) = await AuditAndUpdateAsync(connection, transaction, statements, parameters).ConfigureAwait(false);
        if (updated != audited)
        {
            throw new BatchRaceException($"Batch {batchNo + 1} of '{Table}' audited {audited} row(s) but updated {updated}: a row changed in between; retrying.");
        }

        // Every locked row was written: nothing to record, so the unresolved capture is skipped (the common case on
        // real data). A NULL row inserted into the range after the lock is not lost: the sweep finds it. Otherwise the
        // capture and the checkpoint go in one round trip.
        var unresolved = Math.Max(0, locked - audited);
        SetCheckpoint(parameters, RowKey.Encode(keys[^1]), batchNo + 1, keys.Count, audited, unresolved);
        var finish = Checkpoint;
        if (unresolved > 0 || locked < audited)
        {
            await Before(BackfillStatementNames.Unresolved).ConfigureAwait(false);
            finish = statements[BackfillStatementNames.Unresolved] + ";\n" + finish;
        }

        await DbSession.ExecuteAsync(connection, transaction, finish, parameters).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return new BatchStep(End: false, phase, keys.Count, audited, unresolved);
    }

    /// <summary>
    /// The batch's audit row (<c>audit</c>: one row holding every value the batch resolves), how many values it holds,
    /// then the <c>update</c> that writes exactly those values, and its row count: one round trip. The backfill and
    /// <c>backfill --follow</c> both write this way; the caller retries the batch when the two counts differ.
    /// </summary>
    internal static async Task<(int Audited, int Updated)> AuditAndUpdateAsync(
        MySqlConnection connection, MySqlTransaction transaction, Statements statements, IReadOnlyDictionary<string, object?> parameters)
    {
        var counts = await DbSession.ScalarsAsync(
            connection, transaction, parameters,
            statements[BackfillStatementNames.Audit] + ";\n" + AuditedRows + ";\n" + statements[BackfillStatementNames.Update] + ";\nSELECT ROW_COUNT()",
            expected: 2).ConfigureAwait(false);
        return ((int)counts[0], (int)counts[1]);
    }

    // The batch number the audit row carries: unique in the table's run across its ranges (range 3's batch 12 is 300012),
    // so that a person reading the audit tells batches apart (the update finds its own row by LAST_INSERT_ID()).
    private long AuditBatchNo(long batchInRange) =>
        batchInRange < RangeBatches
            ? ((long)range.RangeNo * RangeBatches) + batchInRange
            : throw new InvalidOperationException($"{Table} range {range.RangeNo} reached {RangeBatches} batches; use larger batches.");

    private const long RangeBatches = 100_000;

    // The range's checkpoint, counters and lease, in the batch's transaction.
    private const string Checkpoint =
        "UPDATE `orgscope_ranges` SET `last_key` = @last_key, `batch_no` = @batch_no, `rows_done` = `rows_done` + @rows_done, " +
        "`rows_set` = `rows_set` + @rows_set, `rows_unresolved` = `rows_unresolved` + @rows_unresolved, " +
        "`lease_until` = UTC_TIMESTAMP(6) + INTERVAL @lease_us MICROSECOND, `updated_at` = UTC_TIMESTAMP(6) " +
        "WHERE `run_id` = @run_id AND `table_name` = @table AND `range_no` = @range_no";

    // The checkpoint statement's parameters, beside the batch's own (none of the names overlap in meaning).
    private static void SetCheckpoint(Dictionary<string, object?> parameters, string lastKey, long batchNo, int done, int set, int unresolved)
    {
        parameters["@last_key"] = lastKey;
        parameters["@batch_no"] = batchNo;
        parameters["@rows_done"] = done;
        parameters["@rows_set"] = set;
        parameters["@rows_unresolved"] = unresolved;
    }
}

/// <summary>The range is no longer this worker's (its lease expired and another worker took it): the worker moves on.</summary>
internal sealed class LeaseLostException(string message) : Exception(message);
