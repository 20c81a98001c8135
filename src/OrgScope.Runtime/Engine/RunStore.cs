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

    /// <summary>--resume: the newest unfinished run, else a new one. --restart: unfinished runs are abandoned and a new one starts.</summary>
    public static async Task<(long RunId, bool Resumed)> StartAsync(MySqlConnection connection, bool restart, int batchSize, IEnumerable<string> tables)
    {
        if (!restart)
        {
            var existing = await DbSession.ScalarAsync(
                connection, null, $"SELECT MAX(`run_id`) FROM `orgscope_runs` WHERE `status` IN {Unfinished}", null).ConfigureAwait(false);
            if (existing is not null)
            {
                var runId = Convert.ToInt64(existing, System.Globalization.CultureInfo.InvariantCulture);
                await SetStatusAsync(connection, runId, "running", finished: false).ConfigureAwait(false);
                return (runId, true);
            }
        }
        else
        {
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
