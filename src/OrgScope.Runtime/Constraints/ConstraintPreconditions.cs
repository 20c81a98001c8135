using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Engine;
using OrgScope.Runtime.Preflight;
using OrgScope.Runtime.Reporting;

namespace OrgScope.Runtime.Constraints;

/// <summary>
/// Everything that must hold on every table before constrain's first ALTER: the column exists, no NULL, no orphan,
/// and (Script strategy) the table is small enough to rebuild in one statement. Every blocking table is listed, each
/// worded for its state, so one run of constrain says all that is left to do. Read-only.
/// </summary>
internal static class ConstraintPreconditions
{
    public static async Task<IReadOnlyList<ConstraintBlocker>> FindAsync(
        PlanDocument plan, MySqlConnection connection, SchemaSnapshot schema, ConstrainOptions options, CancellationToken cancellationToken)
    {
        var unresolvedExists = await ValidationRunner.TableExistsAsync(connection, ValidationRunner.UnresolvedTable, cancellationToken).ConfigureAwait(false);
        var (finished, started) = await BackfillStateAsync(connection, cancellationToken).ConfigureAwait(false);
        var strategy = (plan.Scripts ?? PlanScriptOptions.Default).ConstraintStrategy;
        var root = $"{plan.Root.Table}.{plan.Root.Key}";
        var blockers = new List<ConstraintBlocker>();
        foreach (var table in plan.Tables)
        {
            var name = table.Table;
            var column = table.Column;
            var definition = schema.ColumnOf(name, column);
            if (definition is null)
            {
                blockers.Add(new ConstraintBlocker(name, BlockerKind.MissingColumn, 0, $"`{name}`.`{column}` does not exist: run orgscope migrate first."));
                continue;
            }

            var nulls = await ValidationRunner.CountNullRowsAsync(connection, table, unresolvedExists, cancellationToken).ConfigureAwait(false);
            if (nulls.NullRows > 0 && !finished.Contains(name))
            {
                blockers.Add(new ConstraintBlocker(name, BlockerKind.BackfillNotRun, nulls.NullRows, started.Contains(name)
                    ? $"{Rows(nulls.NullRows)} with NULL {column}, and the backfill has not finished {name}: run orgscope backfill (it resumes)."
                    : $"{Rows(nulls.NullRows)} with NULL {column}, and the backfill has not run on {name}: run orgscope backfill."));
            }
            else if (nulls.NullRows > 0)
            {
                if (nulls.RecordedUnresolved > 0)
                {
                    blockers.Add(new ConstraintBlocker(name, BlockerKind.Unresolved, nulls.RecordedUnresolved,
                        $"{Rows(nulls.RecordedUnresolved)} with NULL {column} that the backfill could not resolve: a person decides them (orgscope report --unresolved), then run orgscope backfill again."));
                }

                if (nulls.Unexplained > 0)
                {
                    blockers.Add(new ConstraintBlocker(name, BlockerKind.WrittenSince, nulls.Unexplained,
                        $"{Rows(nulls.Unexplained)} with NULL {column} written since the backfill finished (code that does not set it is still running): run orgscope backfill again (or keep it sweeping with --follow, or install 004's insert triggers) and deploy the code that sets {column}."));
                }
            }

            var orphans = Convert.ToInt64(await DbSession.ScalarAsync(connection, null, table.Constraints[ConstraintStepNames.OrphanCount], null).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (orphans > 0)
            {
                blockers.Add(new ConstraintBlocker(name, BlockerKind.Orphans, orphans,
                    $"{Rows(orphans)} whose {column} is not in {root}: orgscope validate counts them (orphan_organization_id); fix or delete them."));
            }

            var bytes = schema.EstimatedBytes(name);
            if (strategy == "Script" && options.DirectAlterLimitBytes > 0 && bytes > options.DirectAlterLimitBytes
                && table.Constraints.ContainsKey(ConstraintStepNames.NotNull) && schema.IsNullable(name, column) != false)
            {
                blockers.Add(new ConstraintBlocker(name, BlockerKind.TooBigForDirectAlter, bytes,
                    $"about {Size(bytes)} ({schema.EstimatedRows(name).ToString("N0", CultureInfo.InvariantCulture)} rows): MODIFY ... NOT NULL rebuilds it in one statement, which every replica replays as one, lagging for as long. "
                    + "Set <OrgScopeConstraintStrategy>PtOnlineSchemaChange</OrgScopeConstraintStrategy> (or GhOst, with <OrgScopeForeignKeys>false</OrgScopeForeignKeys>), rebuild and run constrain again; "
                    + $"or, if a rebuild of that size is fine on this server, raise the limit (--direct-alter-limit, now {Size(options.DirectAlterLimitBytes)})."));
            }
        }

        return blockers;
    }

    // Tables a backfill run finished (and was not rolled back), and tables a run started.
    private static async Task<(HashSet<string> Finished, HashSet<string> Started)> BackfillStateAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var finished = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var started = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var present = await RunStore.ExistingAsync(connection).ConfigureAwait(false);
        if (!present.Contains(OrgScopeTables.Checkpoints) || !present.Contains(OrgScopeTables.Runs))
        {
            return (finished, started);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var rows = await DbSession.RowsAsync(connection, null,
            "SELECT c.`table_name`, MAX(c.`phase` = 'done') FROM `orgscope_checkpoints` c JOIN `orgscope_runs` r ON r.`run_id` = c.`run_id`"
            + " WHERE r.`status` <> 'rolled_back' GROUP BY c.`table_name`", null).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var table = Convert.ToString(row[0], CultureInfo.InvariantCulture)!;
            started.Add(table);
            if (Convert.ToInt64(row[1], CultureInfo.InvariantCulture) == 1)
            {
                finished.Add(table);
            }
        }

        return (finished, started);
    }

    private static string Rows(long count) => count == 1 ? "1 row" : count.ToString("N0", CultureInfo.InvariantCulture) + " rows";

    /// <summary>"1.2 GiB", "512 MiB", "16 KiB": how big a table is, for a message.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
    };
}
