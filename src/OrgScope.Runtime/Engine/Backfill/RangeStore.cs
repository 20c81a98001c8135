using System;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Shared;

namespace OrgScope.Runtime.Engine.Backfill;

/// <summary>A range a worker holds the lease of.</summary>
internal sealed record ClaimedRange(int RangeNo, string Kind, string? FromKey, string? ToKey);

/// <summary>What a worker gets when it asks for work on a table.</summary>
internal abstract record Claim
{
    public sealed record Work(ClaimedRange Range) : Claim;

    /// <summary>Nothing to take now (every open range is leased): why, for progress.</summary>
    public sealed record Wait(string Reason) : Claim;

    public sealed record TableDone : Claim;
}

/// <summary>
/// orgscope_ranges and the table-level orgscope_checkpoints row: the database as the coordinator of every worker of a
/// run, on one machine or many (as GitLab's batched background migrations use theirs). A table's phases: pending →
/// main (ranges carved from the front, <c>last_key</c> = the end of the last one) → carved (the last range has no end)
/// → sweep (once every main range is done: one range over the rows still NULL) → done. Free ranges are found with
/// FOR UPDATE SKIP LOCKED (MySQL 8.0.1+, MariaDB 10.6+), so workers never queue behind each other's claims or batches;
/// carving a new range locks the table's row, briefly. Times are the primary's (UTC_TIMESTAMP), never a client's.
/// </summary>
internal static class RangeStore
{
    public const string Main = "main", Sweep = "sweep", Done = "done", Pending = "pending", Carved = "carved";
    private const string Open = "open";

    /// <summary>Every table of this invocation gets its row in the run (pending until a worker starts it).</summary>
    public static async Task<int> AddTablesAsync(MySqlConnection connection, long runId, IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            await DbSession.ExecuteAsync(
                connection, null,
                "INSERT IGNORE INTO `orgscope_checkpoints` (`run_id`, `table_name`, `phase`, `last_key`, `updated_at`) VALUES (@run_id, @table, 'pending', NULL, UTC_TIMESTAMP(6))",
                Ids(runId, table)).ConfigureAwait(false);
        }

        return 0;
    }

    public static async Task<Dictionary<string, string>> PhasesAsync(MySqlConnection connection, long runId)
    {
        var rows = await DbSession.RowsAsync(
            connection, null, "SELECT `table_name`, `phase` FROM `orgscope_checkpoints` WHERE `run_id` = @run_id", new Dictionary<string, object?> { ["@run_id"] = runId }).ConfigureAwait(false);
        return rows.ToDictionary(r => (string)r[0]!, r => (string)r[1]!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Rows and batches of a table done before this process came to it (progress continues from there).</summary>
    public static async Task<(long Rows, long Batches)> DoneAsync(MySqlConnection connection, long runId, string table)
    {
        var rows = await DbSession.RowsAsync(
            connection, null, "SELECT COALESCE(SUM(`rows_done`), 0), COALESCE(SUM(`batch_no`), 0) FROM `orgscope_ranges` WHERE `run_id` = @run_id AND `table_name` = @table",
            Ids(runId, table)).ConfigureAwait(false);
        return (Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture), Convert.ToInt64(rows[0][1], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A range of <paramref name="statements"/>' table for <paramref name="lease"/>'s owner: an open one nobody holds (never
    /// leased, released, its lease expired, or its owner process gone), else a new one carved from the front, else the
    /// sweep once every main range is done; or why there is nothing to take now.
    /// </summary>
    public static async Task<Claim> ClaimAsync(MySqlConnection connection, Statements statements, long runId, Lease lease, int rangeRows)
    {
        var table = statements.Table.Table;
        var ids = Ids(runId, table);
        var leaseParameters = new Dictionary<string, object?>(ids) { ["@owner"] = lease.Owner, ["@owner_lock"] = lease.LockName, ["@lease_us"] = lease.Microseconds };
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted).ConfigureAwait(false);

        var free = await DbSession.RowsAsync(
            connection, transaction,
            "SELECT `range_no`, `kind`, `from_key`, `to_key` FROM `orgscope_ranges` WHERE `run_id` = @run_id AND `table_name` = @table AND `status` = 'open' " +
            "AND (`owner` IS NULL OR `lease_until` < UTC_TIMESTAMP(6) OR IS_FREE_LOCK(`owner_lock`) = 1) ORDER BY `range_no` LIMIT 1 FOR UPDATE SKIP LOCKED",
            ids).ConfigureAwait(false);
        if (free.Count == 1)
        {
            var range = new ClaimedRange(Convert.ToInt32(free[0][0], CultureInfo.InvariantCulture), (string)free[0][1]!, free[0][2] as string, free[0][3] as string);
            leaseParameters["@range_no"] = range.RangeNo;
            await DbSession.ExecuteAsync(
                connection, transaction,
                "UPDATE `orgscope_ranges` SET `owner` = @owner, `owner_lock` = @owner_lock, `lease_until` = UTC_TIMESTAMP(6) + INTERVAL @lease_us MICROSECOND, " +
                "`claims` = `claims` + 1, `updated_at` = UTC_TIMESTAMP(6) WHERE `run_id` = @run_id AND `table_name` = @table AND `range_no` = @range_no",
                leaseParameters).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            return new Claim.Work(range);
        }

        var checkpoint = await DbSession.RowsAsync(
            connection, transaction, "SELECT `phase`, `last_key` FROM `orgscope_checkpoints` WHERE `run_id` = @run_id AND `table_name` = @table FOR UPDATE", ids).ConfigureAwait(false);
        if (checkpoint.Count == 0)
        {
            throw new InvalidOperationException($"No checkpoint for table '{table}' in run {runId}.");
        }

        var phase = (string)checkpoint[0][0]!;
        var frontier = checkpoint[0][1] as string;
        Claim claim;
        switch (phase)
        {
            case Pending:
                // The table's first range in this run: its old unresolved entries go (this run decides every NULL row
                // again), in the transaction that starts it, so the report always reflects the latest run.
                await DbSession.ExecuteAsync(connection, transaction, "DELETE FROM `orgscope_unresolved` WHERE `table_name` = @table", ids).ConfigureAwait(false);
                claim = await CarveAsync(connection, transaction, statements, frontier: null, leaseParameters, rangeRows).ConfigureAwait(false);
                break;
            case Main:
                claim = await CarveAsync(connection, transaction, statements, frontier, leaseParameters, rangeRows).ConfigureAwait(false);
                break;
            case Carved:
                var openMain = Convert.ToInt64(await DbSession.ScalarAsync(
                    connection, transaction, "SELECT COUNT(*) FROM `orgscope_ranges` WHERE `run_id` = @run_id AND `table_name` = @table AND `kind` = 'main' AND `status` = 'open'",
                    ids).ConfigureAwait(false), CultureInfo.InvariantCulture);
                if (openMain > 0)
                {
                    claim = new Claim.Wait($"its last {openMain} range(s) are being done by other workers (its sweep and the tables that read it wait for them)");
                    break;
                }

                // Every main range is done: the sweep of rows still NULL (inserted behind a cursor) runs last, alone.
                var sweep = await InsertRangeAsync(connection, transaction, Sweep, fromKey: null, toKey: null, leaseParameters).ConfigureAwait(false);
                await SetPhaseAsync(connection, transaction, ids, Sweep, frontier).ConfigureAwait(false);
                claim = new Claim.Work(sweep);
                break;
            case Sweep:
                claim = new Claim.Wait("another worker is sweeping it (rows still NULL behind the ranges)");
                break;
            default:
                claim = new Claim.TableDone();
                break;
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return claim;
    }

    // The next range from the frontier: `rangeRows` keys (any value), or to the end of the table (no end key).
    private static async Task<Claim> CarveAsync(
        MySqlConnection connection, MySqlTransaction transaction, Statements statements, string? frontier, Dictionary<string, object?> leaseParameters, int rangeRows)
    {
        var parameters = new Dictionary<string, object?> { ["@range_offset"] = rangeRows - 1 };
        if (frontier is not null)
        {
            Statements.Bind(parameters, "after", RowKey.Decode(frontier, statements.Table.Key));
        }

        var end = await DbSession.RowsAsync(
            connection, transaction, statements[frontier is null ? BackfillStatementNames.RangeEndFirst : BackfillStatementNames.RangeEndAfter], parameters).ConfigureAwait(false);
        var toKey = end.Count == 0 ? null : RowKey.Encode(end[0]);
        var range = await InsertRangeAsync(connection, transaction, Main, frontier, toKey, leaseParameters).ConfigureAwait(false);
        await SetPhaseAsync(connection, transaction, leaseParameters, toKey is null ? Carved : Main, toKey).ConfigureAwait(false);
        return new Claim.Work(range);
    }

    private static async Task<ClaimedRange> InsertRangeAsync(
        MySqlConnection connection, MySqlTransaction transaction, string kind, string? fromKey, string? toKey, Dictionary<string, object?> leaseParameters)
    {
        var next = Convert.ToInt32(await DbSession.ScalarAsync(
            connection, transaction, "SELECT COALESCE(MAX(`range_no`), 0) + 1 FROM `orgscope_ranges` WHERE `run_id` = @run_id AND `table_name` = @table", leaseParameters).ConfigureAwait(false),
            CultureInfo.InvariantCulture);
        var parameters = new Dictionary<string, object?>(leaseParameters) { ["@range_no"] = next, ["@kind"] = kind, ["@from_key"] = fromKey, ["@to_key"] = toKey };
        await DbSession.ExecuteAsync(
            connection, transaction,
            "INSERT INTO `orgscope_ranges` (`run_id`, `table_name`, `range_no`, `kind`, `from_key`, `to_key`, `status`, `owner`, `owner_lock`, `lease_until`, `claims`, `updated_at`) " +
            "VALUES (@run_id, @table, @range_no, @kind, @from_key, @to_key, 'open', @owner, @owner_lock, UTC_TIMESTAMP(6) + INTERVAL @lease_us MICROSECOND, 1, UTC_TIMESTAMP(6))",
            parameters).ConfigureAwait(false);
        return new ClaimedRange(next, kind, fromKey, toKey);
    }

    private static Task<int> SetPhaseAsync(MySqlConnection connection, MySqlTransaction transaction, IReadOnlyDictionary<string, object?> ids, string phase, string? lastKey) =>
        DbSession.ExecuteAsync(
            connection, transaction,
            "UPDATE `orgscope_checkpoints` SET `phase` = @phase, `last_key` = @last_key, `updated_at` = UTC_TIMESTAMP(6) WHERE `run_id` = @run_id AND `table_name` = @table",
            new Dictionary<string, object?> { ["@run_id"] = ids["@run_id"], ["@table"] = ids["@table"], ["@phase"] = phase, ["@last_key"] = lastKey });

    /// <summary>The sweep is done: so is the table; its totals over every range go into its checkpoint row.</summary>
    public static Task<int> FinishTableAsync(MySqlConnection connection, MySqlTransaction transaction, long runId, string table) =>
        DbSession.ExecuteAsync(
            connection, transaction,
            "UPDATE `orgscope_checkpoints` c JOIN (SELECT SUM(`batch_no`) AS b, SUM(`rows_done`) AS d, SUM(`rows_set`) AS s, SUM(`rows_unresolved`) AS u " +
            "FROM `orgscope_ranges` WHERE `run_id` = @run_id AND `table_name` = @table) r " +
            "SET c.`phase` = 'done', c.`batch_no` = r.b, c.`rows_done` = r.d, c.`rows_set` = r.s, c.`rows_unresolved` = r.u, c.`updated_at` = UTC_TIMESTAMP(6) " +
            "WHERE c.`run_id` = @run_id AND c.`table_name` = @table",
            Ids(runId, table));

    /// <summary>Gives a range back (cancellation, failure): any worker may take it at once, from its checkpoint.</summary>
    public static Task<int> ReleaseAsync(MySqlConnection connection, long runId, string table, int rangeNo, string owner) =>
        DbSession.ExecuteAsync(
            connection, null,
            "UPDATE `orgscope_ranges` SET `owner` = NULL, `owner_lock` = NULL, `lease_until` = NULL, `updated_at` = UTC_TIMESTAMP(6) " +
            "WHERE `run_id` = @run_id AND `table_name` = @table AND `range_no` = @range_no AND `owner` = @owner",
            new Dictionary<string, object?>(Ids(runId, table)) { ["@range_no"] = rangeNo, ["@owner"] = owner });

    /// <summary>Workers that hold a live lease in the run (for --restart, which must not pull a run from under them).</summary>
    public static async Task<List<string>> LiveOwnersAsync(MySqlConnection connection, long runId)
    {
        var rows = await DbSession.RowsAsync(
            connection, null,
            "SELECT DISTINCT `owner` FROM `orgscope_ranges` WHERE `run_id` = @run_id AND `status` = 'open' AND `owner` IS NOT NULL " +
            "AND `lease_until` >= UTC_TIMESTAMP(6) AND IS_FREE_LOCK(`owner_lock`) = 0",
            new Dictionary<string, object?> { ["@run_id"] = runId }).ConfigureAwait(false);
        return rows.Select(r => (string)r[0]!).ToList();
    }

    public static Dictionary<string, object?> Ids(long runId, string table) => new() { ["@run_id"] = runId, ["@table"] = table };
}

/// <summary>Who holds a range and for how long without a batch: the worker, its process's liveness lock, the lease.</summary>
internal sealed record Lease(string Owner, string LockName, TimeSpan Timeout)
{
    public long Microseconds => (long)(Timeout.TotalMilliseconds * 1000);
}
