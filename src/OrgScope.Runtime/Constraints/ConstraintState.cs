using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Engine;

namespace OrgScope.Runtime.Constraints;

/// <summary>A change 003 records in orgscope_schema_changes: (table, kind, object), kind not_null, index or foreign_key.</summary>
public sealed record SchemaChange(string Table, string Kind, string Object);

/// <summary>
/// What constrain may change on one table, read before its first ALTER: the organization column's definition and
/// nullability, the indexes that lead with it and its foreign keys to the organization table, and SHOW CREATE TABLE.
/// MySQL and MariaDB cannot roll DDL back, so undoing an invocation means comparing the table with this and
/// compensating, statement by statement.
/// </summary>
internal sealed record TableConstraintState(
    string Table,
    string Column,
    string ColumnType,
    bool Nullable,
    string? Charset,
    string? Collation,
    string Comment,
    IReadOnlySet<string> Indexes,
    IReadOnlySet<string> ForeignKeys,
    string CreateTable)
{
    private static readonly Regex AutoIncrement = new(@" AUTO_INCREMENT=\d+", RegexOptions.CultureInvariant);

    public static async Task<TableConstraintState?> ReadAsync(MySqlConnection connection, PlanDocument plan, PlanTable table)
    {
        var parameters = new Dictionary<string, object?> { ["@t"] = table.Table, ["@c"] = table.Column, ["@r"] = plan.Root.Table };
        var column = (await DbSession.RowsAsync(connection, null,
            "SELECT COLUMN_TYPE, IS_NULLABLE, CHARACTER_SET_NAME, COLLATION_NAME, COLUMN_COMMENT FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @t AND COLUMN_NAME = @c", parameters).ConfigureAwait(false)).SingleOrDefault();
        if (column is null)
        {
            return null;
        }

        var indexes = await NamesAsync(connection,
            "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @t AND COLUMN_NAME = @c AND SEQ_IN_INDEX = 1",
            parameters).ConfigureAwait(false);
        var foreignKeys = await NamesAsync(connection,
            "SELECT DISTINCT CONSTRAINT_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @t AND COLUMN_NAME = @c"
            + " AND REFERENCED_TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME = @r", parameters).ConfigureAwait(false);
        return new TableConstraintState(
            table.Table,
            table.Column,
            Text(column[0])!,
            Text(column[1]) == "YES",
            Text(column[2]),
            Text(column[3]),
            Text(column[4]) ?? "",
            indexes,
            foreignKeys,
            await CreateTableAsync(connection, table.Table).ConfigureAwait(false));
    }

    /// <summary>SHOW CREATE TABLE without the AUTO_INCREMENT counter, which moves with every insert and means nothing here.</summary>
    public static async Task<string> CreateTableAsync(MySqlConnection connection, string table)
    {
        var row = (await DbSession.RowsAsync(connection, null, $"SHOW CREATE TABLE `{table.Replace("`", "``")}`", null).ConfigureAwait(false)).Single();
        return AutoIncrement.Replace(Text(row[1])!, "");
    }

    /// <summary>
    /// The statements that bring the table from <paramref name="now"/> back to this state, in a safe order: foreign keys
    /// first (an index a foreign key uses cannot be dropped before it), then NULL back, then the indexes.
    /// </summary>
    public IReadOnlyList<UndoStep> UndoFrom(TableConstraintState now)
    {
        var steps = new List<UndoStep>();
        var table = Id(Table);
        foreach (var foreignKey in now.ForeignKeys.Except(ForeignKeys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            steps.Add(new UndoStep(new SchemaChange(Table, "foreign_key", foreignKey), $"ALTER TABLE {table} DROP FOREIGN KEY {Id(foreignKey)}, ALGORITHM=INPLACE, LOCK=NONE", null));
        }

        if (Nullable && !now.Nullable)
        {
            steps.Add(new UndoStep(new SchemaChange(Table, "not_null", Column), $"ALTER TABLE {table} {NullableClause()}, ALGORITHM=INPLACE, LOCK=NONE", NullableClause()));
        }

        foreach (var index in now.Indexes.Except(Indexes, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            steps.Add(new UndoStep(new SchemaChange(Table, "index", index), $"ALTER TABLE {table} DROP INDEX {Id(index)}, ALGORITHM=INPLACE, LOCK=NONE", null));
        }

        return steps;
    }

    /// <summary>The column as it was, nullable: type, character set and collation, comment.</summary>
    private string NullableClause()
    {
        var text = Charset is not null && Collation is not null ? $" CHARACTER SET {Charset} COLLATE {Collation}" : "";
        var comment = Comment.Length > 0 ? " COMMENT '" + Comment.Replace("\\", "\\\\").Replace("'", "''") + "'" : "";
        return $"MODIFY COLUMN {Id(Column)} {ColumnType}{text} NULL{comment}";
    }

    private static async Task<IReadOnlySet<string>> NamesAsync(MySqlConnection connection, string sql, IReadOnlyDictionary<string, object?> parameters) =>
        (await DbSession.RowsAsync(connection, null, sql, parameters).ConfigureAwait(false))
            .Select(r => Text(r[0])!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string Id(string name) => "`" + name.Replace("`", "``") + "`";

    private static string? Text(object? value) => value switch
    {
        null => null,
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// One compensating statement. <see cref="OnlineClause"/> is set where the statement rebuilds the table (NULL again):
/// under an online strategy the tool applies that clause instead of a direct ALTER.
/// </summary>
internal sealed record UndoStep(SchemaChange Change, string Sql, string? OnlineClause);
