using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using MySqlConnector;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.Scan;

/// <summary>One table that carries an organization column, with its primary key (empty when it has none).</summary>
public sealed record ScannedTable(string Table, string Column, IReadOnlyList<string> PrimaryKey)
{
    /// <summary>The organization column is part of the primary key: a membership or link table, often read across organizations on purpose.</summary>
    public bool ColumnInPrimaryKey => PrimaryKey.Contains(Column, StringComparer.OrdinalIgnoreCase);

    /// <summary>The column is the whole primary key: this is the organization table itself (<c>mp_Sites(SiteID)</c>).</summary>
    public bool IsOrganizationTable => PrimaryKey.Count == 1 && ColumnInPrimaryKey;
}

/// <summary>A column name that looks like an organization column, and in how many tables it appears (a hint when nothing matched).</summary>
public sealed record ColumnCandidate(string Column, int Tables);

/// <summary>
/// What <see cref="ScopedTableScan"/> found in one schema: the scoped tables, and the organization tables themselves
/// (the column is their whole primary key: <c>mp_Sites(SiteID)</c>), which are left out of the list.
/// </summary>
public sealed record ScanResult(
    string Schema,
    IReadOnlyList<string> Columns,
    int TablesScanned,
    IReadOnlyList<ScannedTable> Tables,
    IReadOnlyList<ScannedTable> OrganizationTables,
    IReadOnlyList<ColumnCandidate> Candidates);

/// <summary>
/// Reads a live database's INFORMATION_SCHEMA (read-only, no locks) for the base tables that carry the organization
/// column: the scoped-table list a team starts the analyzer with before any entity is annotated.
/// </summary>
public static class ScopedTableScan
{
    /// <summary>OrgScope's own tables (orgscope_runs, orgscope_audit, ...) are never listed.</summary>
    public const string OwnTablePrefix = "orgscope_";

    // Words that organization columns are named after in the codebases OrgScope was tried on (organization_id,
    // ClientId, TenantId, SiteID/SiteGuid, company_id, account_id); only used to suggest a --column.
    private static readonly string[] CandidateWords = ["org", "tenant", "client", "site", "company", "account", "customer", "workspace"];

    /// <summary>
    /// Scans <paramref name="schema"/> (null: the connection's database). <paramref name="columns"/> are the names to
    /// look for, case-insensitively; a table that has several gets the first in this order.
    /// </summary>
    /// <exception cref="OperatorException">The schema does not exist or cannot be seen by this user (Configuration).</exception>
    public static async Task<ScanResult> RunAsync(MySqlConnection connection, string? schema, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        schema ??= await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT DATABASE()", cancellationToken: cancellationToken)).ConfigureAwait(false)
            ?? throw new OperatorException(FailureKind.Configuration, "No database selected: pass --schema, or Database= in --connection (DB_NAME).");
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @schema", new { schema }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (exists == 0)
        {
            throw new OperatorException(FailureKind.Configuration, $"Schema '{schema}' does not exist, or this user cannot see it: check --schema.");
        }

        var tables = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @schema AND TABLE_TYPE = 'BASE TABLE'",
                new { schema }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Where(t => !t.StartsWith(OwnTablePrefix, StringComparison.OrdinalIgnoreCase))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var tableColumns = (await connection.QueryAsync<(string Table, string Column)>(new CommandDefinition(
                "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @schema ORDER BY TABLE_NAME, ORDINAL_POSITION",
                new { schema }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Where(c => tables.Contains(c.Table))
            .ToList();
        var primaryKeys = (await connection.QueryAsync<(string Table, string Column)>(new CommandDefinition(
                "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = @schema AND INDEX_NAME = 'PRIMARY' ORDER BY TABLE_NAME, SEQ_IN_INDEX",
                new { schema }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToLookup(k => k.Table, k => k.Column, StringComparer.OrdinalIgnoreCase);

        var found = new List<ScannedTable>();
        foreach (var table in tableColumns.GroupBy(c => c.Table, StringComparer.OrdinalIgnoreCase))
        {
            var names = table.Select(c => c.Column).ToList();
            var column = columns.Select(wanted => names.FirstOrDefault(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase)))
                .FirstOrDefault(n => n is not null);
            if (column is not null)
            {
                found.Add(new ScannedTable(table.Key, column, primaryKeys[table.Key].ToList()));
            }
        }

        var candidates = tableColumns
            .Where(c => LooksLikeOrganizationColumn(c.Column))
            .GroupBy(c => c.Column, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ColumnCandidate(g.First().Column, g.Select(c => c.Table).Distinct(StringComparer.OrdinalIgnoreCase).Count()))
            .OrderByDescending(c => c.Tables).ThenBy(c => c.Column, StringComparer.Ordinal)
            .ToList();
        // A table whose whole primary key is the column is the organization table, not one scoped by it.
        var sorted = found.OrderBy(t => t.Table, StringComparer.Ordinal).ToList();
        return new ScanResult(schema, columns, tables.Count,
            sorted.Where(t => !t.IsOrganizationTable).ToList(), sorted.Where(t => t.IsOrganizationTable).ToList(), candidates);
    }

    private static bool LooksLikeOrganizationColumn(string column)
    {
        var name = column.ToLowerInvariant();
        return (name.EndsWith("id", StringComparison.Ordinal) || name.EndsWith("guid", StringComparison.Ordinal))
            && CandidateWords.Any(w => name.Contains(w, StringComparison.Ordinal));
    }
}
