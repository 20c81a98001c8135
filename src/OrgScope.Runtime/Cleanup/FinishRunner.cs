using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Connection;
using OrgScope.Runtime.Engine;
using OrgScope.Runtime.Preflight;

namespace OrgScope.Runtime.Cleanup;

/// <summary>What <c>orgscope finish</c> dropped and kept, and the insert triggers still installed (not OrgScope's to drop).</summary>
public sealed record FinishSummary(IReadOnlyList<string> Dropped, IReadOnlyList<string> Kept, IReadOnlyList<string> InsertTriggers);

/// <summary>
/// <c>orgscope finish</c>: once the migration is done (every organization column NOT NULL: constrain has run), drops
/// the tables the backfill worked with (runs, checkpoints, ranges, unresolved, heartbeat, and the audit unless kept),
/// so nothing of OrgScope's run stays in the application's schema. orgscope_schema_changes stays: it is tiny, and it is
/// what the rollback scripts read to undo exactly what 001 and 003 did. 004's triggers stay too: the application may
/// still depend on them until every writer sets the column.
/// </summary>
public static class FinishRunner
{
    private const string SchemaChangeLog = "orgscope_schema_changes";

    /// <summary>The tables <see cref="FinishAsync"/> may drop, in the order it drops them.</summary>
    public static IReadOnlyList<string> RunTables { get; } =
        [OrgScopeTables.Ranges, OrgScopeTables.Checkpoints, OrgScopeTables.Unresolved, OrgScopeTables.Heartbeat, OrgScopeTables.Audit, OrgScopeTables.Runs];

    /// <exception cref="OperatorException">A column still accepts NULL (Refused): the migration is not finished.</exception>
    public static async Task<FinishSummary> FinishAsync(PlanDocument plan, string connectionString, bool keepAudit, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var schema = await SchemaSnapshot.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var open = plan.Tables.Where(t => schema.IsNullable(t.Table, t.Column) != false).Select(t => $"`{t.Table}`.`{t.Column}`").ToList();
        if (open.Count > 0)
        {
            throw new OperatorException(FailureKind.Refused,
                $"finish refused, nothing dropped: the migration is not finished ({string.Join(", ", open)} {(open.Count == 1 ? "accepts" : "accept")} NULL or {(open.Count == 1 ? "does" : "do")} not exist): "
                + "run orgscope constrain first. Until then the audit is what orgscope rollback --run restores from.");
        }

        var kept = keepAudit ? new[] { OrgScopeTables.Audit, OrgScopeTables.Runs } : [];
        var dropped = new List<string>();
        foreach (var table in RunTables.Where(t => !kept.Contains(t) && schema.HasTable(t)))
        {
            await DbSession.ExecuteAsync(connection, null, $"DROP TABLE IF EXISTS `{table}`", null).ConfigureAwait(false);
            dropped.Add(table);
        }

        var triggers = (await DbSession.RowsAsync(connection, null,
                "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME LIKE 'orgscope\\_bi\\_%' ORDER BY TRIGGER_NAME", null)
            .ConfigureAwait(false)).Select(r => Convert.ToString(r[0], CultureInfo.InvariantCulture)!).ToList();
        var stays = kept.Where(schema.HasTable).ToList();
        if (schema.HasTable(SchemaChangeLog))
        {
            stays.Add(SchemaChangeLog);
        }

        return new FinishSummary(dropped, stays, triggers);
    }
}
