using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Plan;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// The statements a command runs on a table: the plan's, byte for byte, except for a table whose primary key has a
/// character column. The batch's audit payload is joined to such a table through its primary key only when both sides
/// compare in the key column's collation, which the server knows and the plan cannot: for those tables the statements
/// are rendered again (same renderer, same model) naming the collation the server reports. Asked once per table.
/// </summary>
internal sealed class StatementSource(PlanDocument plan)
{
    private const string KeyCollations =
        "SELECT `COLUMN_NAME`, `COLLATION_NAME` FROM information_schema.`COLUMNS` " +
        "WHERE `TABLE_SCHEMA` = DATABASE() AND `TABLE_NAME` = @table AND `COLLATION_NAME` IS NOT NULL";

    private readonly Dictionary<string, Statements> _tables = new(StringComparer.Ordinal);

    public async Task<Statements> ForAsync(MySqlConnection connection, PlanTable table)
    {
        if (_tables.TryGetValue(table.Table, out var known))
        {
            return known;
        }

        var rows = await DbSession.RowsAsync(connection, null, KeyCollations, new Dictionary<string, object?> { ["@table"] = table.Table }).ConfigureAwait(false);
        var collations = rows
            .Select(r => (Column: Convert.ToString(r[0], System.Globalization.CultureInfo.InvariantCulture)!, Collation: Convert.ToString(r[1], System.Globalization.CultureInfo.InvariantCulture)!))
            .Where(c => table.Key.Any(k => string.Equals(k.Column, c.Column, StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(c => table.Key.First(k => string.Equals(k.Column, c.Column, StringComparison.OrdinalIgnoreCase)).Column, c => c.Collation, StringComparer.Ordinal);
        var statements = collations.Count == 0
            ? new Statements(table)
            : new Statements(table, PlanReader.RenderBackfill(plan, table.Table, collations));
        _tables[table.Table] = statements;
        return statements;
    }
}
