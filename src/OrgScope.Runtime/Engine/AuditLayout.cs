using System;
using System.Globalization;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// orgscope_audit changed from one row per value written (run, table, row_key, old, new, source) to one row per batch
/// (docs/backfill.md "The audit"). A database migrated by a build before that still has the per-row table: migrate
/// replaces it when it is empty; with rows in it, nothing is dropped and the commands say what to do.
/// </summary>
internal static class AuditLayout
{
    private const string Probe =
        "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orgscope_audit' AND COLUMN_NAME = '" +
        OrgScopeTables.PerRowAuditColumn + "'";

    /// <summary>For migrate, before the tables are created: an empty per-row audit table is dropped (and created again in the new layout).</summary>
    public static async Task ReplaceEmptyPerRowTableAsync(MySqlConnection connection)
    {
        if (!await IsPerRowAsync(connection).ConfigureAwait(false))
        {
            return;
        }

        var rows = Convert.ToInt64(await DbSession.ScalarAsync(connection, null, "SELECT COUNT(*) FROM `orgscope_audit`", null).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (rows > 0)
        {
            throw Refusal(rows);
        }

        await DbSession.ExecuteAsync(connection, null, "DROP TABLE `orgscope_audit`", null).ConfigureAwait(false);
    }

    /// <summary>For every command that reads or writes the audit: the per-row layout stops it with one line.</summary>
    public static async Task RequireCurrentAsync(MySqlConnection connection)
    {
        if (await IsPerRowAsync(connection).ConfigureAwait(false))
        {
            var rows = Convert.ToInt64(await DbSession.ScalarAsync(connection, null, "SELECT COUNT(*) FROM `orgscope_audit`", null).ConfigureAwait(false), CultureInfo.InvariantCulture);
            throw rows == 0
                ? new OperatorException(FailureKind.Schema, "orgscope_audit has the per-row layout of an earlier OrgScope build: run `orgscope migrate`, which replaces it (it is empty).")
                : Refusal(rows);
        }
    }

    private static async Task<bool> IsPerRowAsync(MySqlConnection connection) =>
        Convert.ToInt64(await DbSession.ScalarAsync(connection, null, Probe, null).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;

    private static OperatorException Refusal(long rows) => new(
        FailureKind.Schema,
        $"orgscope_audit holds {rows.ToString(CultureInfo.InvariantCulture)} row(s) in the per-row layout of an earlier OrgScope build: roll its runs back with that build, or keep them by renaming the table (RENAME TABLE orgscope_audit TO orgscope_audit_per_row), then run `orgscope migrate`.");
}
