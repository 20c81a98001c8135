using System.Collections.Generic;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// OrgScope's own tables (docs/backfill.md). utf8mb4_bin throughout, so row_key compares byte for byte with the
/// generated statements' row_key expression and through the primary key. The audit keeps each batch's written values
/// as JSON (their exact text), so it can restore any value exactly, whatever the organization key's type.
/// </summary>
internal static class OrgScopeTables
{
    public const string Runs = "orgscope_runs";
    public const string Checkpoints = "orgscope_checkpoints";
    public const string Audit = "orgscope_audit";
    public const string Unresolved = "orgscope_unresolved";
    public const string Heartbeat = "orgscope_heartbeat";
    public const string Ranges = "orgscope_ranges";

    /// <summary>Every table migrate creates.</summary>
    public static IReadOnlyList<string> All { get; } = [Runs, Checkpoints, Audit, Unresolved, Heartbeat, Ranges];

    /// <summary>A column only the per-row audit of OrgScope before the per-batch audit had (see <see cref="RunStore.RequireTablesAsync"/>).</summary>
    public const string PerRowAuditColumn = "row_key";

    /// <summary>The tables a backfill, rollback or report cannot do without (the heartbeat is created by the lag throttle when missing).</summary>
    public static IReadOnlyList<string> Required { get; } = [Runs, Checkpoints, Audit, Unresolved, Ranges];

    /// <summary>
    /// The replica-lag heartbeat (pt-heartbeat style): one row per writing process, its clock in microseconds since the
    /// Unix epoch; read back on each replica. Plain InnoDB, an upsert by primary key: the same on MySQL 8.0 and MariaDB 10.6+.
    /// </summary>
    public const string HeartbeatDdl =
        "CREATE TABLE IF NOT EXISTS `orgscope_heartbeat` (" +
        "`writer` VARCHAR(64) NOT NULL, " +          // host:pid:random of the process that writes it
        "`beat_us` BIGINT NOT NULL, " +              // the writer's clock (HeartbeatClock), read back on replicas
        "`written_at` DATETIME(6) NOT NULL, " +      // the primary's clock, for people reading the table
        "PRIMARY KEY (`writer`))" + Options;

    private const string Options = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    public static IReadOnlyList<(string Table, string Ddl)> Ddl { get; } =
    [
        (Runs, "CREATE TABLE IF NOT EXISTS `orgscope_runs` (" +
               "`run_id` BIGINT NOT NULL AUTO_INCREMENT, " +
               "`status` VARCHAR(16) NOT NULL, " +              // running, cancelled, failed, completed, abandoned, rolled_back, following
               "`batch_size` INT NOT NULL, " +
               "`tables` TEXT NOT NULL, " +
               "`started_at` DATETIME(6) NOT NULL, " +
               "`finished_at` DATETIME(6) NULL, " +
               "PRIMARY KEY (`run_id`))" + Options),
        (Checkpoints, "CREATE TABLE IF NOT EXISTS `orgscope_checkpoints` (" +
                      "`run_id` BIGINT NOT NULL, " +
                      "`table_name` VARCHAR(64) NOT NULL, " +
                      "`phase` VARCHAR(8) NOT NULL, " +          // pending, main, carved, sweep, done (Backfill/RangeStore)
                      "`last_key` VARCHAR(255) NULL, " +         // the end of the last range carved (main)
                      "`batch_no` INT NOT NULL DEFAULT 0, " +
                      "`rows_done` BIGINT NOT NULL DEFAULT 0, " +
                      "`rows_set` BIGINT NOT NULL DEFAULT 0, " +
                      "`rows_unresolved` BIGINT NOT NULL DEFAULT 0, " +
                      "`updated_at` DATETIME(6) NOT NULL, " +
                      "PRIMARY KEY (`run_id`, `table_name`))" + Options),
        // One row per batch (docs/backfill.md "The audit"): `written` holds the batch's entries, [value, source, k1..kn]
        // per value written; the value before is NULL by construction (the backfill writes NULL rows only).
        (Audit, "CREATE TABLE IF NOT EXISTS `orgscope_audit` (" +
                "`audit_id` BIGINT NOT NULL AUTO_INCREMENT, " +
                "`run_id` BIGINT NOT NULL, " +
                "`table_name` VARCHAR(64) NOT NULL, " +
                "`batch_no` INT NOT NULL, " +
                "`rows_written` INT NOT NULL, " +
                "`written` LONGTEXT NOT NULL, " +
                "PRIMARY KEY (`audit_id`), " +
                "KEY `ix_orgscope_audit_run` (`run_id`, `table_name`, `audit_id`))" + Options),
        (Unresolved, "CREATE TABLE IF NOT EXISTS `orgscope_unresolved` (" +
                     "`table_name` VARCHAR(64) NOT NULL, " +
                     "`row_key` VARCHAR(255) NOT NULL, " +
                     "`reason` VARCHAR(32) NOT NULL, " +
                     "`candidates` VARCHAR(1024) NULL, " +
                     "`run_id` BIGINT NOT NULL, " +
                     "PRIMARY KEY (`table_name`, `row_key`), " +
                     "KEY `ix_orgscope_unresolved_run` (`run_id`))" + Options),
        (Heartbeat, HeartbeatDdl),
        (Ranges, RangesDdl),
    ];

    /// <summary>
    /// A run's key ranges, per table: what workers claim (a lease: owner, the owner process's liveness lock, an expiry
    /// by the primary's clock) and checkpoint on their own (Backfill/RangeStore, docs/backfill.md "Workers").
    /// </summary>
    public const string RangesDdl =
        "CREATE TABLE IF NOT EXISTS `orgscope_ranges` (" +
        "`run_id` BIGINT NOT NULL, " +
        "`table_name` VARCHAR(64) NOT NULL, " +
        "`range_no` INT NOT NULL, " +
        "`kind` VARCHAR(8) NOT NULL, " +             // main (a key range), sweep (the table's rows still NULL, last)
        "`from_key` VARCHAR(255) NULL, " +           // exclusive start; NULL: the table's first key
        "`to_key` VARCHAR(255) NULL, " +             // inclusive end; NULL: no end (the last range reaches rows inserted at the end)
        "`last_key` VARCHAR(255) NULL, " +           // the checkpoint: the last key done; NULL: none yet
        "`status` VARCHAR(8) NOT NULL, " +           // open, done
        "`owner` VARCHAR(128) NULL, " +              // host:pid:random/wN of the worker holding the lease
        "`owner_lock` VARCHAR(64) NULL, " +          // the owner process's GET_LOCK name: free once that process is gone
        "`lease_until` DATETIME(6) NULL, " +
        "`claims` INT NOT NULL DEFAULT 0, " +
        "`batch_no` INT NOT NULL DEFAULT 0, " +
        "`rows_done` BIGINT NOT NULL DEFAULT 0, " +
        "`rows_set` BIGINT NOT NULL DEFAULT 0, " +
        "`rows_unresolved` BIGINT NOT NULL DEFAULT 0, " +
        "`updated_at` DATETIME(6) NOT NULL, " +
        "PRIMARY KEY (`run_id`, `table_name`, `range_no`))" + Options;
}
