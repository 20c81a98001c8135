using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.Reporting;

/// <summary>Per scoped table: rows still NULL, and how many of them no one has a recorded reason for.</summary>
public sealed record TableValidation(string Table, long NullRows, long Unexplained)
{
    /// <summary>NULL rows that are recorded in orgscope_unresolved (a person will decide them).</summary>
    public long RecordedUnresolved => NullRows - Unexplained;
}

/// <summary>What validate found: the 002 script's own result sets, and the per-table verdict.</summary>
public sealed record ValidationResult(string? ScriptName, IReadOnlyList<ResultTable> ScriptResults, IReadOnlyList<TableValidation> Tables)
{
    /// <summary>Passes when every NULL left is recorded as unresolved (with its reason) — nothing silently missed.</summary>
    public bool Passed => Tables.All(t => t.Unexplained == 0);
}

/// <summary>
/// <c>orgscope validate</c>: runs the plan's 002 file for the operator to read, then decides the exit status itself:
/// a NULL that orgscope_unresolved does not explain means the backfill missed rows (or the app inserted new ones
/// without an organization) and must fail the step. Read-only.
/// </summary>
public static class ValidationRunner
{
    /// <summary>OrgScope's table of rows a person must decide.</summary>
    public const string UnresolvedTable = "orgscope_unresolved";

    /// <summary>Runs 002 (when the plan carries it) and the per-table verdict.</summary>
    /// <exception cref="OperatorException">An organization column is missing: migrate has not run (kind Schema).</exception>
    public static async Task<ValidationResult> RunAsync(PlanDocument plan, MySqlConnection connection, CancellationToken cancellationToken)
    {
        await RequireOrganizationColumnsAsync(plan, connection, cancellationToken).ConfigureAwait(false);

        var file = PlanFiles.Find(plan, PlanFiles.ValidatePrefix);
        var scriptResults = file is null
            ? []
            : await ResultTable.QueryScriptAsync(connection, file.Content, cancellationToken).ConfigureAwait(false);

        var unresolvedExists = await TableExistsAsync(connection, UnresolvedTable, cancellationToken).ConfigureAwait(false);
        var tables = new List<TableValidation>();
        foreach (var table in plan.Tables)
        {
            tables.Add(await CountNullRowsAsync(connection, table, unresolvedExists, cancellationToken).ConfigureAwait(false));
        }

        return new ValidationResult(file?.Name, scriptResults, tables);
    }

    /// <summary>A table's NULL rows, and how many of them orgscope_unresolved does not explain (all, when it does not exist).</summary>
    public static async Task<TableValidation> CountNullRowsAsync(MySqlConnection connection, PlanTable table, bool unresolvedExists, CancellationToken cancellationToken)
    {
        var explained = unresolvedExists
            ? $"SUM(NOT EXISTS (SELECT 1 FROM `{UnresolvedTable}` u WHERE u.table_name = @table AND u.row_key = {RowKeys.SqlExpression("t", table.Key)}))"
            : "COUNT(*)";
        var counts = await connection.QuerySingleAsync<(long NullRows, long? Unexplained)>(new CommandDefinition(
            $"SELECT COUNT(*), CAST({explained} AS SIGNED) FROM `{table.Table}` t WHERE t.`{table.Column}` IS NULL",
            new { table = table.Table },
            commandTimeout: 0,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new TableValidation(table.Table, counts.NullRows, counts.Unexplained ?? 0);
    }

    /// <summary>Whether a table exists in the current database.</summary>
    public static async Task<bool> TableExistsAsync(MySqlConnection connection, string table, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table",
            new { table },
            cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    private static async Task RequireOrganizationColumnsAsync(PlanDocument plan, MySqlConnection connection, CancellationToken cancellationToken)
    {
        var present = (await connection.QueryAsync<(string Table, string Column)>(new CommandDefinition(
                "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()",
                cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(c => (c.Table.ToLowerInvariant(), c.Column.ToLowerInvariant()))
            .ToHashSet();
        var missing = plan.Tables.Where(t => !present.Contains((t.Table.ToLowerInvariant(), t.Column.ToLowerInvariant()))).ToList();
        if (missing.Count > 0)
        {
            throw new OperatorException(FailureKind.Schema,
                $"{string.Join(", ", missing.Select(t => $"`{t.Table}`.`{t.Column}`"))} {(missing.Count == 1 ? "does" : "do")} not exist: run `orgscope migrate` first (or `orgscope check` if the tables themselves are missing).");
        }
    }
}
