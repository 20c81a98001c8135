using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using MySqlConnector;
using OrgScope.Plan;

namespace OrgScope.Runtime.Preflight;

/// <summary>
/// <c>orgscope check</c>: compares the plan with the live schema before anything is written. Tables, key and source
/// columns must exist with the plan's types (the organization column may be missing: <c>migrate</c> adds it);
/// every column a batch looks rows up by should be indexed; the server should add a column instantly. Read-only.
/// </summary>
public static class PreflightCheck
{
    /// <summary>
    /// The rate the time estimate assumes: a cautious figure for a busy server (a quiet one did ~35,000 rows/s on the
    /// 1M-task benchmark, docs/benchmarks/backfill.md).
    /// The backfill itself measures and prints the real one.
    /// </summary>
    public const double DefaultRowsPerSecond = 5_000;

    /// <summary>Runs every check over one connection.</summary>
    public static async Task<PreflightReport> RunAsync(
        PlanDocument plan, MySqlConnection connection, double rowsPerSecond, CancellationToken cancellationToken)
    {
        var version = await connection.ExecuteScalarAsync<string>(
            new CommandDefinition("SELECT VERSION()", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var server = ServerInfo.Parse(version ?? "");
        var schema = await SchemaSnapshot.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        return Evaluate(plan, server, schema, rowsPerSecond);
    }

    /// <summary>The findings for a plan against a schema snapshot (pure: no database access).</summary>
    public static PreflightReport Evaluate(PlanDocument plan, ServerInfo server, SchemaSnapshot schema, double rowsPerSecond)
    {
        var findings = new List<Finding>();
        CheckServer(server, findings);
        var scoped = plan.Tables.ToDictionary(t => t.Table, StringComparer.OrdinalIgnoreCase);

        CheckTable(schema, plan.Root.Table, [new PlanKeyColumn(plan.Root.Key, plan.Root.SqlType)], findings);
        var lookups = new HashSet<(string Table, string Column)>();
        foreach (var table in plan.Tables)
        {
            if (!CheckTable(schema, table.Table, table.Key, findings))
            {
                continue;
            }

            CheckOrganizationColumn(schema, table, findings);
            foreach (var source in table.Sources)
            {
                CheckSource(plan, scoped, schema, table, source, findings, lookups);
            }
        }

        var estimates = plan.Tables
            .Where(t => schema.HasTable(t.Table))
            .Select(t =>
            {
                var rows = schema.EstimatedRows(t.Table);
                return new TableEstimate(t.Table, rows, TimeSpan.FromSeconds(Math.Ceiling(rows / rowsPerSecond)));
            })
            .ToList();
        return new PreflightReport(server, findings, estimates, rowsPerSecond);
    }

    private static void CheckServer(ServerInfo server, List<Finding> findings)
    {
        if (!server.Supported)
        {
            findings.Add(new Finding(Severity.Warning, "",
                $"{server.Display} is older than the generated SQL targets (MySQL 8.0.12+, MariaDB 10.6+): test 001 on a copy first."));
        }

        findings.Add(server.InstantAddColumn
            ? new Finding(Severity.Info, "", $"{server.Display}: ALGORITHM=INSTANT applies, adding organization columns does not copy tables.")
            : new Finding(Severity.Warning, "",
                $"{server.Display}: ALGORITHM=INSTANT does not apply (needs MySQL 8.0.12+ or MariaDB 10.3.2+); 001 will fail rather than copy tables. Add the columns with pt-online-schema-change or gh-ost."));
    }

    // False when the table is missing: nothing else about it can be checked.
    private static bool CheckTable(SchemaSnapshot schema, string table, IReadOnlyList<PlanKeyColumn> key, List<Finding> findings)
    {
        if (!schema.HasTable(table))
        {
            findings.Add(new Finding(Severity.Error, table, $"Table `{table}` does not exist in this database."));
            return false;
        }

        foreach (var column in key)
        {
            CheckColumnType(schema, table, column.Column, column.SqlType, "key column", findings);
        }

        return true;
    }

    private static void CheckOrganizationColumn(SchemaSnapshot schema, PlanTable table, List<Finding> findings)
    {
        var actual = schema.ColumnTypeOf(table.Table, table.Column);
        if (actual is null)
        {
            findings.Add(new Finding(Severity.Info, table.Table, $"`{table.Table}`.`{table.Column}` does not exist yet: `orgscope migrate` adds it."));
            return;
        }

        CheckColumnType(schema, table.Table, table.Column, table.SqlType, "organization column", findings);
    }

    private static void CheckSource(
        PlanDocument plan,
        Dictionary<string, PlanTable> scoped,
        SchemaSnapshot schema,
        PlanTable table,
        PlanSource source,
        List<Finding> findings,
        HashSet<(string Table, string Column)> lookups)
    {
        var label = $"source {source.Name}";
        var localType = schema.ColumnTypeOf(table.Table, source.LocalColumn);
        if (localType is null)
        {
            findings.Add(new Finding(Severity.Error, table.Table, $"`{table.Table}`.`{source.LocalColumn}` ({label}) does not exist."));
            return;
        }

        if (!schema.HasTable(source.TargetTable))
        {
            findings.Add(new Finding(Severity.Error, table.Table, $"`{source.TargetTable}` ({label} of `{table.Table}`) does not exist."));
            return;
        }

        var targetKeyType = schema.ColumnTypeOf(source.TargetTable, source.TargetKeyColumn);
        if (targetKeyType is null)
        {
            findings.Add(new Finding(Severity.Error, table.Table, $"`{source.TargetTable}`.`{source.TargetKeyColumn}` ({label} of `{table.Table}`) does not exist."));
            return;
        }

        // The batch joins local = target key: both sides must be of one type, or the join converts every row.
        var expected = source.Kind == "OrgReference" ? plan.Root.SqlType : targetKeyType;
        CheckColumnType(schema, table.Table, source.LocalColumn, expected, label, findings);

        if (schema.ColumnTypeOf(source.TargetTable, source.TargetOrgColumn) is null && !scoped.ContainsKey(source.TargetTable))
        {
            findings.Add(new Finding(Severity.Error, table.Table,
                $"`{source.TargetTable}`.`{source.TargetOrgColumn}` ({label} of `{table.Table}`) does not exist."));
        }

        if (source.PrimaryColumn is { } primary && schema.ColumnTypeOf(source.TargetTable, primary) is null)
        {
            findings.Add(new Finding(Severity.Error, table.Table,
                $"`{source.TargetTable}`.`{primary}` (primary flag of {label}) does not exist."));
        }

        // Each batch looks its rows' sources up by the target key: without an index that is a full scan per batch.
        if (lookups.Add((source.TargetTable, source.TargetKeyColumn)) && !schema.HasIndexStartingWith(source.TargetTable, source.TargetKeyColumn))
        {
            findings.Add(new Finding(Severity.Warning, source.TargetTable,
                $"`{source.TargetTable}`.`{source.TargetKeyColumn}` is not indexed: every backfill batch of `{table.Table}` scans `{source.TargetTable}` ({label}).",
                IndexAdvice.CreateIndex(source.TargetTable, source.TargetKeyColumn)));
        }

        // validate's spot checks and constrain's orphan checks join from the local column.
        if (source.Kind != "Membership" && lookups.Add((table.Table, source.LocalColumn)) && !schema.HasIndexStartingWith(table.Table, source.LocalColumn))
        {
            findings.Add(new Finding(Severity.Warning, table.Table,
                $"`{table.Table}`.`{source.LocalColumn}` ({label}) is not indexed: validate's spot checks and orphan checks scan `{table.Table}` for it.",
                IndexAdvice.CreateIndex(table.Table, source.LocalColumn)));
        }
    }

    private static void CheckColumnType(SchemaSnapshot schema, string table, string column, string expected, string role, List<Finding> findings)
    {
        var actual = schema.ColumnTypeOf(table, column);
        if (actual is null)
        {
            findings.Add(new Finding(Severity.Error, table, $"`{table}`.`{column}` ({role}) does not exist."));
            return;
        }

        switch (ColumnType.Compare(expected, actual))
        {
            case TypeMatch.Different:
                findings.Add(new Finding(Severity.Error, table,
                    $"`{table}`.`{column}` ({role}) is {actual}, expected {ColumnType.Normalize(expected).ToUpperInvariant()}: joins on it would convert every row and skip its index."));
                break;
            case TypeMatch.Compatible:
                findings.Add(new Finding(Severity.Warning, table,
                    $"`{table}`.`{column}` ({role}) is {actual}, expected {ColumnType.Normalize(expected).ToUpperInvariant()}: values outside the narrower type cannot match."));
                break;
        }
    }
}
