using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.Engine;

/// <summary>orgscope_runs: which run a backfill continues or starts, and how it ended.</summary>
internal static class RunStore
{
    private const string Unfinished = "('running', 'cancelled', 'failed')";

    public static async Task RequireTablesAsync(MySqlConnection connection)
    {
        var present = await ExistingAsync(connection).ConfigureAwait(false);
        var missing = OrgScopeTables.Required.Where(t => !present.Contains(t)).ToList();
        if (missing.Count > 0)
        {
            throw new OperatorException(
                FailureKind.Schema,
                $"OrgScope's tables are missing ({string.Join(", ", missing)}): run `orgscope migrate` first.");
        }

        await AuditLayout.RequireCurrentAsync(connection).ConfigureAwait(false);
    }

    public static async Task<HashSet<string>> ExistingAsync(MySqlConnection connection)
    {
        var rows = await DbSession.RowsAsync(
            connection,
            null,
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (" +
            string.Join(", ", OrgScopeTables.All.Select(t => "'" + t + "'")) + ")",
            null).ConfigureAwait(false);
        return rows.Select(r => Convert.ToString(r[0], System.Globalization.CultureInfo.InvariantCulture)!).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// --resume: the newest unfinished run, else a new one. --restart: unfinished runs are abandoned and a new one
    /// starts, unless a worker still holds a live lease in one (refused: stop it, or join the run without --restart).
    /// Either way the run gets a row per table in orgscope_checkpoints. Serialized by a named lock, so that processes
    /// started together on several machines join one run instead of each starting its own.
    /// </summary>
    public static async Task<(long RunId, bool Resumed)> StartAsync(MySqlConnection connection, bool restart, int batchSize, IReadOnlyList<string> tables)
    {
        var lockName = new Dictionary<string, object?> { ["@name"] = "orgscope.start." + (await DbSession.ScalarAsync(connection, null, "SELECT LEFT(DATABASE(), 48)", null).ConfigureAwait(false)) };
        var got = await DbSession.ScalarAsync(connection, null, "SELECT GET_LOCK(@name, 60)", lockName).ConfigureAwait(false);
        if (got is null || Convert.ToInt64(got, System.Globalization.CultureInfo.InvariantCulture) != 1)
        {
            throw new InvalidOperationException("Another backfill process held the run-start lock for a minute.");
        }

        try
        {
            var (runId, resumed) = await StartLockedAsync(connection, restart, batchSize, tables).ConfigureAwait(false);
            await Backfill.RangeStore.AddTablesAsync(connection, runId, tables).ConfigureAwait(false);
            return (runId, resumed);
        }
        finally
        {
            await DbSession.ScalarAsync(connection, null, "SELECT RELEASE_LOCK(@name)", lockName).ConfigureAwait(false);
        }
    }

    private static async Task<(long RunId, bool Resumed)> StartLockedAsync(MySqlConnection connection, bool restart, int batchSize, IReadOnlyList<string> tables)
    {
        var existing = await DbSession.ScalarAsync(
            connection, null, $"SELECT MAX(`run_id`) FROM `orgscope_runs` WHERE `status` IN {Unfinished}", null).ConfigureAwait(false);
        if (existing is not null)
        {
            var runId = Convert.ToInt64(existing, System.Globalization.CultureInfo.InvariantCulture);
            if (!restart)
            {
                await SetStatusAsync(connection, runId, "running", finished: false).ConfigureAwait(false);
                return (runId, true);
            }

            var live = await Backfill.RangeStore.LiveOwnersAsync(connection, runId).ConfigureAwait(false);
            if (live.Count > 0)
            {
                throw new OperatorException(
                    FailureKind.Refused,
                    $"Run {runId} is being worked on by {string.Join(", ", live)}: --restart would pull it from under them. Stop those workers first, or start this one without --restart to join the run.");
            }

            await DbSession.ExecuteAsync(
                connection, null, $"UPDATE `orgscope_runs` SET `status` = 'abandoned', `finished_at` = CURRENT_TIMESTAMP(6) WHERE `status` IN {Unfinished}", null).ConfigureAwait(false);
        }

        await DbSession.ExecuteAsync(
            connection,
            null,
            "INSERT INTO `orgscope_runs` (`status`, `batch_size`, `tables`, `started_at`) VALUES ('running', @batch_size, @tables, CURRENT_TIMESTAMP(6))",
            new Dictionary<string, object?> { ["@batch_size"] = batchSize, ["@tables"] = string.Join(",", tables) }).ConfigureAwait(false);
        var id = await DbSession.ScalarAsync(connection, null, "SELECT LAST_INSERT_ID()", null).ConfigureAwait(false);
        return (Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture), false);
    }

    public static Task SetStatusAsync(MySqlConnection connection, long runId, string status, bool finished) =>
        DbSession.ExecuteAsync(
            connection,
            null,
            "UPDATE `orgscope_runs` SET `status` = @status, `finished_at` = " + (finished ? "CURRENT_TIMESTAMP(6)" : "NULL") + " WHERE `run_id` = @run_id",
            new Dictionary<string, object?> { ["@status"] = status, ["@run_id"] = runId });

    public static async Task<string?> StatusAsync(MySqlConnection connection, long runId) =>
        (string?)await DbSession.ScalarAsync(
            connection, null, "SELECT `status` FROM `orgscope_runs` WHERE `run_id` = @run_id", new Dictionary<string, object?> { ["@run_id"] = runId }).ConfigureAwait(false);

    /// <summary>Values a run wrote in a table (@run_id, @table), by source: the audit rows' entries, [value, source, keys...].</summary>
    public const string WrittenBySource =
        "SELECT w.`source`, COUNT(*) FROM `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (`source` VARCHAR(255) PATH '$[1]')) AS w " +
        "WHERE au.`run_id` = @run_id AND au.`table_name` = @table GROUP BY w.`source`";

    /// <summary>Counts grouped by one column, for summaries.</summary>
    public static async Task<Dictionary<string, long>> CountsAsync(MySqlConnection connection, string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        var rows = await DbSession.RowsAsync(connection, null, sql, parameters).ConfigureAwait(false);
        return rows.ToDictionary(
            r => Convert.ToString(r[0], System.Globalization.CultureInfo.InvariantCulture) ?? "",
            r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture),
            StringComparer.Ordinal);
    }
}
