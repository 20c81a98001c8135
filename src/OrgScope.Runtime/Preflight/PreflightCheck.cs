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

        var rootKey = CheckTable(schema, plan.Root.Table, [], findings) ? CheckRootKey(plan, schema, findings) : null;
        var lookups = new HashSet<(string Table, string Column)>();
        foreach (var table in plan.Tables)
        {
            if (!CheckTable(schema, table.Table, table.Key, findings))
            {
                continue;
            }

            CheckOrganizationColumn(plan, schema, table, rootKey, findings);
            foreach (var source in table.Sources)
            {
                CheckSource(plan, scoped, schema, table, source, rootKey, findings, lookups);
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

    // Every organization column gets the plan's root key type, and constrain adds a foreign key from it to the real root
    // key: a different size or signedness fails that foreign key at the very end of the run, so it is an error now.
    private static ColumnDefinition? CheckRootKey(PlanDocument plan, SchemaSnapshot schema, List<Finding> findings)
    {
        var root = plan.Root;
        var actual = schema.ColumnOf(root.Table, root.Key);
        if (actual is null)
        {
            findings.Add(new Finding(Severity.Error, root.Table, $"`{root.Table}`.`{root.Key}` (key column) does not exist."));
            return null;
        }

        var planned = ColumnDefinition.Planned(root.SqlType, null, null);
        var mismatch = KeyCompatibility.ForeignKey(planned, actual);
        if (mismatch is KeyMismatch.Size or KeyMismatch.Signedness or KeyMismatch.Family)
        {
            findings.Add(new Finding(Severity.Error, root.Table,
                $"`{root.Table}`.`{root.Key}` is {actual.Display}, but the plan gives every organization column {root.SqlType}: "
                + $"the foreign keys to it cannot be created ({KeyCompatibility.Describe(mismatch, planned, actual)}), so constrain would fail.",
                $"declare the [OrgRoot] key of {root.Entity} {KeyTypeAdvice.Declaration(actual)}, and rebuild."));
        }
        else
        {
            CheckColumnType(schema, root.Table, root.Key, root.SqlType, "key column", findings);
        }

        return actual;
    }

    private static void CheckOrganizationColumn(PlanDocument plan, SchemaSnapshot schema, PlanTable table, ColumnDefinition? rootKey, List<Finding> findings)
    {
        var actual = schema.ColumnOf(table.Table, table.Column);
        var target = $"`{plan.Root.Table}`.`{plan.Root.Key}`";
        if (actual is null)
        {
            findings.Add(new Finding(Severity.Info, table.Table, $"`{table.Table}`.`{table.Column}` does not exist yet: `orgscope migrate` adds it."));

            // Size and sign come from the plan's root type (reported once, on the root); character set and collation come
            // from each table, so they are checked per table.
            var (charset, collation) = schema.TableDefaults(table.Table);
            var planned = ColumnDefinition.Planned(table.SqlType, charset, collation);
            if (rootKey is not null && KeyCompatibility.ForeignKey(planned, rootKey) is var mismatch and (KeyMismatch.Charset or KeyMismatch.Collation))
            {
                findings.Add(new Finding(Severity.Error, table.Table,
                    $"the `{table.Column}` column migrate adds to `{table.Table}` takes the table's {planned.Charset} collation {planned.Collation}, but {target} is {rootKey.Display}: "
                    + $"the foreign key to it cannot be created ({KeyCompatibility.Describe(mismatch, planned, rootKey)}).",
                    $"declare the [OrgRoot] key of {plan.Root.Entity} {KeyTypeAdvice.Declaration(rootKey)}, so that every organization column gets its collation, and rebuild."));
            }

            return;
        }

        if (rootKey is null)
        {
            CheckColumnType(schema, table.Table, table.Column, table.SqlType, "organization column", findings);
            return;
        }

        // A column that exists (a legacy one, or one an earlier migrate added) must pair with the real root key.
        var existing = KeyCompatibility.ForeignKey(actual, rootKey);
        if (existing != KeyMismatch.None)
        {
            findings.Add(new Finding(Severity.Error, table.Table,
                $"`{table.Table}`.`{table.Column}` (organization column) is {actual.Display}, but {target} is {rootKey.Display}: "
                + $"the foreign key to it cannot be created ({KeyCompatibility.Describe(existing, actual, rootKey)}).",
                $"ALTER TABLE `{table.Table}` MODIFY COLUMN `{table.Column}` {KeyTypeAdvice.ColumnType(rootKey)} NULL; (it copies the table; if OrgScope's migrate added the column and nothing is filled yet, rollback-columns.sql and migrate after fixing the root key are cheaper)"));
        }
    }

    private static void CheckSource(
        PlanDocument plan,
        Dictionary<string, PlanTable> scoped,
        SchemaSnapshot schema,
        PlanTable table,
        PlanSource source,
        ColumnDefinition? rootKey,
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
        var joined = source.Kind == "OrgReference" ? rootKey : schema.ColumnOf(source.TargetTable, source.TargetKeyColumn);
        var joinedName = source.Kind == "OrgReference" ? $"`{plan.Root.Table}`.`{plan.Root.Key}`" : $"`{source.TargetTable}`.`{source.TargetKeyColumn}`";
        if (joined is not null && schema.ColumnOf(table.Table, source.LocalColumn) is { } local
            && KeyCompatibility.Join(local, joined) is var mismatch and not KeyMismatch.None)
        {
            var effect = mismatch switch
            {
                // The server's coercion rules: a _bin collation wins over a _ci one; two others of one set are an error.
                KeyMismatch.Collation when IsBinary(local.Collation) || IsBinary(joined.Collation) =>
                    "the backfill's join compares under the _bin collation and cannot use the other column's index",
                KeyMismatch.Collation => "the backfill's join fails (Illegal mix of collations)",
                _ => "the backfill's join converts every row and cannot use the index",
            };
            findings.Add(new Finding(Severity.Error, table.Table,
                $"`{table.Table}`.`{source.LocalColumn}` ({label}) is {local.Display}, but {joinedName} is {joined.Display}: {effect} ({KeyCompatibility.Describe(mismatch, local, joined)}).",
                $"give both columns one character set and collation, e.g. ALTER TABLE `{table.Table}` MODIFY COLUMN `{source.LocalColumn}` {KeyTypeAdvice.ColumnType(joined)} NULL; (keep the column's own NULL/DEFAULT)"));
        }

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

    private static bool IsBinary(string? collation) => collation?.EndsWith("_bin", StringComparison.OrdinalIgnoreCase) == true;

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
