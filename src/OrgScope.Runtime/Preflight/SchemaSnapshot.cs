using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using MySqlConnector;

namespace OrgScope.Runtime.Preflight;

/// <summary>
/// What INFORMATION_SCHEMA says about the current database, read once: tables with their estimated rows, size and
/// default collation, columns with their types, character sets and collations, and each index's column order.
/// Read-only; takes no locks.
/// </summary>
public sealed class SchemaSnapshot
{
    private readonly Dictionary<string, TableRow> tableRows;
    private readonly Dictionary<(string Table, string Column), ColumnRow> columns;
    private readonly Dictionary<string, List<IndexRow>> indexes;

    private SchemaSnapshot(IEnumerable<TableRow> tables, IEnumerable<ColumnRow> columns, IEnumerable<IndexRow> indexes)
    {
        tableRows = tables.ToDictionary(t => t.TableName, StringComparer.OrdinalIgnoreCase);
        this.columns = columns.ToDictionary(c => (c.TableName.ToLowerInvariant(), c.ColumnName.ToLowerInvariant()));
        this.indexes = indexes.GroupBy(i => i.TableName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether the table exists.</summary>
    public bool HasTable(string table) => tableRows.ContainsKey(table);

    /// <summary>InnoDB's row estimate (TABLE_ROWS): fast, approximate (often off by tens of percent).</summary>
    public long EstimatedRows(string table) => tableRows.TryGetValue(table, out var row) ? row.TableRows ?? 0 : 0;

    /// <summary>The table's data and index size in bytes (InnoDB's estimate: DATA_LENGTH + INDEX_LENGTH), 0 when unknown.</summary>
    public long EstimatedBytes(string table) => tableRows.TryGetValue(table, out var row) ? (row.DataLength ?? 0) + (row.IndexLength ?? 0) : 0;

    /// <summary>The table's default character set and collation: what a character column added without either gets.</summary>
    public (string? Charset, string? Collation) TableDefaults(string table) =>
        tableRows.TryGetValue(table, out var row) ? (row.Charset, row.TableCollation) : (null, null);

    /// <summary>The column's full type ("bigint(20) unsigned"), or null when the column does not exist.</summary>
    public string? ColumnTypeOf(string table, string column) =>
        columns.TryGetValue((table.ToLowerInvariant(), column.ToLowerInvariant()), out var row) ? row.ColumnType : null;

    /// <summary>The column's type, character set and collation, or null when the column does not exist.</summary>
    public ColumnDefinition? ColumnOf(string table, string column) =>
        columns.TryGetValue((table.ToLowerInvariant(), column.ToLowerInvariant()), out var row)
            ? new ColumnDefinition(row.ColumnType, row.CharsetName, row.CollationName)
            : null;

    /// <summary>Whether the column accepts NULL, or null when the column does not exist.</summary>
    public bool? IsNullable(string table, string column) =>
        columns.TryGetValue((table.ToLowerInvariant(), column.ToLowerInvariant()), out var row) ? row.IsNullable == "YES" : null;

    /// <summary>Whether some index starts with <paramref name="column"/>, so a lookup by it is a seek, not a scan.</summary>
    public bool HasIndexStartingWith(string table, string column) =>
        indexes.TryGetValue(table, out var rows) &&
        rows.Any(r => r.SeqInIndex == 1 && string.Equals(r.ColumnName, column, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether an index of that name exists on the table.</summary>
    public bool HasIndexNamed(string table, string indexName) =>
        indexes.TryGetValue(table, out var rows) &&
        rows.Any(r => string.Equals(r.IndexName, indexName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the snapshot of the connection's current database.</summary>
    public static async Task<SchemaSnapshot> ReadAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = await connection.QueryAsync<TableRow>(new CommandDefinition(
            "SELECT t.TABLE_NAME AS TableName, CAST(t.TABLE_ROWS AS SIGNED) AS TableRows, CAST(t.DATA_LENGTH AS SIGNED) AS DataLength,"
            + " CAST(t.INDEX_LENGTH AS SIGNED) AS IndexLength, t.TABLE_COLLATION AS TableCollation, c.CHARACTER_SET_NAME AS Charset"
            + " FROM information_schema.TABLES t LEFT JOIN information_schema.COLLATIONS c ON c.COLLATION_NAME = t.TABLE_COLLATION"
            + " WHERE t.TABLE_SCHEMA = DATABASE()",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var columns = await connection.QueryAsync<ColumnRow>(new CommandDefinition(
            "SELECT TABLE_NAME AS TableName, COLUMN_NAME AS ColumnName, COLUMN_TYPE AS ColumnType, CHARACTER_SET_NAME AS CharsetName,"
            + " COLLATION_NAME AS CollationName, IS_NULLABLE AS IsNullable FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var indexes = await connection.QueryAsync<IndexRow>(new CommandDefinition(
            "SELECT TABLE_NAME AS TableName, INDEX_NAME AS IndexName, CAST(SEQ_IN_INDEX AS SIGNED) AS SeqInIndex, COLUMN_NAME AS ColumnName FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new SchemaSnapshot(tables, columns, indexes);
    }

    private sealed class TableRow
    {
        public string TableName { get; init; } = "";

        public long? TableRows { get; init; }

        public long? DataLength { get; init; }

        public long? IndexLength { get; init; }

        public string? TableCollation { get; init; }

        public string? Charset { get; init; }
    }

    private sealed class ColumnRow
    {
        public string TableName { get; init; } = "";

        public string ColumnName { get; init; } = "";

        public string ColumnType { get; init; } = "";

        public string? CharsetName { get; init; }

        public string? CollationName { get; init; }

        public string IsNullable { get; init; } = "YES";
    }

    private sealed class IndexRow
    {
        public string TableName { get; init; } = "";

        public string IndexName { get; init; } = "";

        public long SeqInIndex { get; init; }

        public string ColumnName { get; init; } = "";
    }
}
