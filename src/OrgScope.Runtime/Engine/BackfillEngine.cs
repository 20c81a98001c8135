using System;
using System.Collections.Generic;
using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Shared;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// The real backfill (DESIGN.md "Backfill"): tables in plan order; per table a keyset pass over the primary key, then a
/// sweep over rows still NULL that were inserted behind the cursor; per batch one READ COMMITTED transaction that
/// re-reads and locks its checkpoint, selects and locks the batch's NULL rows, audits, updates, records unresolved
/// rows and advances the checkpoint, so that a crash or a retry resumes exactly at the last commit. Five round trips
/// per batch: checkpoint, keys, audit + update, unresolved + checkpoint, COMMIT.
/// </summary>
internal sealed class BackfillEngine(DbSession session, RunbookOptions options, Func<StatementEvent, Task>? beforeStatement = null)
{
    private const string Main = "main", Sweep = "sweep", Done = "done";

    private readonly Retry _retry = new(session, options);

    // Its own Retry: a failed status poll is not a batch retry.
    private readonly Throttle _throttle = new(new Retry(session, options), options);

    public async Task<BackfillSummary> RunAsync(IReadOnlyList<PlanTable> tables, BackfillOptions backfill, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var connection = await session.OpenAsync(cancellationToken).ConfigureAwait(false);
        await RunStore.RequireTablesAsync(connection).ConfigureAwait(false);
        var (runId, resumed) = await RunStore.StartAsync(connection, backfill.Restart, backfill.BatchSize, tables.Select(t => t.Table)).ConfigureAwait(false);

        var summaries = new List<TableBackfillSummary>();
        var cancelled = false;
        try
        {
            foreach (var table in tables)
            {
                var (summary, stopped) = await TableAsync(runId, new Statements(table), backfill.BatchSize, progress, cancellationToken).ConfigureAwait(false);
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
        long runId, Statements statements, int batchSize, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var table = statements.Table;
        var timer = new BatchTimer();
        var retriesBefore = _retry.Retries;
        var ids = new Dictionary<string, object?> { ["@run_id"] = runId, ["@table"] = table.Table };

        await _retry.RunAsync(c => StartTableAsync(c, ids)).ConfigureAwait(false);
        var estimate = await EstimateRowsAsync(statements).ConfigureAwait(false);
        long done = 0;
        var cancelled = false;
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            await _throttle.WaitAsync(
                waited => progress?.Report(new BatchProgress(table.Table, "throttled", runId, timer.Batches, done, Math.Max(estimate, done), 0, 0, timer.RowsPerSecond, null, TimeSpan.Zero, 0, waited)),
                cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            var watch = Stopwatch.StartNew();
            var (batch, attempts) = await _retry.RunAsync(c => BatchAsync(c, statements, ids, batchSize)).ConfigureAwait(false);
            if (batch.Phase == Done)
            {
                break;
            }

            if (batch.Rows == 0)
            {
                continue; // a phase change (main → sweep) committed; nothing scanned
            }

            timer.Add(watch.Elapsed, batch.Rows);
            done = batch.RowsDone;
            var total = Math.Max(estimate, done);
            progress?.Report(new BatchProgress(
                table.Table, batch.Phase, runId, batch.BatchNo, done, total, batch.Set, batch.Unresolved, timer.RowsPerSecond,
                timer.Eta(done, total), watch.Elapsed, attempts));
        }

        var connection = await session.OpenAsync().ConfigureAwait(false);
        var bySource = await RunStore.CountsAsync(
            connection, "SELECT `source`, COUNT(*) FROM `orgscope_audit` WHERE `run_id` = @run_id AND `table_name` = @table GROUP BY `source`", ids).ConfigureAwait(false);
        var byReason = await RunStore.CountsAsync(
            connection, "SELECT `reason`, COUNT(*) FROM `orgscope_unresolved` WHERE `run_id` = @run_id AND `table_name` = @table GROUP BY `reason`", ids).ConfigureAwait(false);
        var summary = new TableBackfillSummary(
            table.Table, timer.RowsThisInvocation, bySource.Values.Sum(), byReason.Values.Sum(), bySource, byReason,
            timer.Batches, _retry.Retries - retriesBefore, timer.Percentile(0.50), timer.Percentile(0.99), timer.Elapsed);
        return (summary, cancelled);
    }

    // A table's first visit in a run: its old unresolved entries go (this run re-decides every NULL row) and its
    // checkpoint starts, in one transaction. Later visits (resume) find the checkpoint and change nothing.
    private static async Task<int> StartTableAsync(MySqlConnection connection, Dictionary<string, object?> ids)
    {
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

    private sealed record BatchResult(string Phase, long BatchNo, int Rows, long RowsDone, int Set, int Unresolved);

    private async Task<BatchResult> BatchAsync(MySqlConnection connection, Statements statements, Dictionary<string, object?> ids, int batchSize)
    {
        var key = statements.Table.Key;
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted).ConfigureAwait(false);

        // The checkpoint is the truth (it may have advanced in a commit whose reply was lost); locking it also keeps two
        // runners of one run from taking the same batch.
        var checkpoint = await DbSession.RowsAsync(
            connection, transaction,
            "SELECT `phase`, `last_key`, `batch_no`, `rows_done` FROM `orgscope_checkpoints` WHERE `run_id` = @run_id AND `table_name` = @table FOR UPDATE",
            ids).ConfigureAwait(false);
        if (checkpoint.Count == 0)
        {
            throw new InvalidOperationException($"No checkpoint for table '{statements.Table.Table}' in run {ids["@run_id"]}.");
        }

        var phase = (string)checkpoint[0][0]!;
        var lastKey = checkpoint[0][1] as string;
        var batchNo = Convert.ToInt64(checkpoint[0][2], CultureInfo.InvariantCulture);
        var rowsDone = Convert.ToInt64(checkpoint[0][3], CultureInfo.InvariantCulture);
        if (phase == Done)
        {
            await transaction.CommitAsync().ConfigureAwait(false);
            return new BatchResult(Done, batchNo, 0, rowsDone, 0, 0);
        }

        var parameters = new Dictionary<string, object?>(ids) { ["@batch_size"] = batchSize };
        var after = lastKey is null ? null : RowKey.Decode(lastKey, key);
        if (after is not null)
        {
            Bind(parameters, "after", after);
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
                await beforeStatement(new StatementEvent(statements.Table.Table, statement, batchNo + 1, connection.ServerThread, parameters)).ConfigureAwait(false);
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
            return new BatchResult(next, batchNo, 0, rowsDone, 0, 0);
        }

        Bind(parameters, "from", keys[0]);
        Bind(parameters, "to", keys[^1]);
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
            throw new BatchRaceException($"Batch {batchNo + 1} of '{statements.Table.Table}' audited {audited} row(s) but updated {updated}: a row changed in between; retrying.");
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
        return new BatchResult(phase, batchNo + 1, keys.Count, rowsDone + keys.Count, audited, unresolved);
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

    /// <summary>Total retries (deadlock, lock wait, race, reconnect) of this engine so far.</summary>
    public int Retries => _retry.Retries;

    internal static void Bind(Dictionary<string, object?> parameters, string bound, IReadOnlyList<object?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            parameters["@" + bound + "_k" + (i + 1).ToString(CultureInfo.InvariantCulture)] = values[i];
        }
    }

    // The rows the main pass will visit: the NULL rows, as the optimizer estimates them from the organization column's
    // index (EXPLAIN's `rows`, on MySQL and MariaDB alike; no scan). Only for progress and ETA.
    private async Task<long> EstimateRowsAsync(Statements statements)
    {
        var (rows, _) = await _retry.RunAsync(async c =>
        {
            await using var command = DbSession.Command(c, null, statements[BackfillStatementNames.EstimateNullRows], null);
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            var column = Enumerable.Range(0, reader.FieldCount).FirstOrDefault(i => string.Equals(reader.GetName(i), "rows", StringComparison.OrdinalIgnoreCase), -1);
            return column >= 0 && await reader.ReadAsync().ConfigureAwait(false) && !reader.IsDBNull(column)
                ? Convert.ToInt64(reader.GetValue(column), CultureInfo.InvariantCulture)
                : 0L;
        }).ConfigureAwait(false);
        return rows;
    }
}
