using System.Collections.Generic;
using System.Linq;
using OrgScope.Plan;

namespace OrgScope.Runtime.Reporting;

/// <summary>
/// How a row's primary key is written in <c>orgscope_unresolved.row_key</c> and <c>orgscope_audit.row_key</c>
/// (docs/backfill.md, the engine's RowKey): key values in key order joined by ','; integers in decimal; other
/// types as text with '%' → '%25' and ',' → '%2C'. Validate matches NULL rows to their recorded reason through
/// this expression, so it must stay the backfill's format.
/// </summary>
public static class RowKeys
{
    /// <summary>The SQL expression that yields a row's key text, for a table aliased <paramref name="alias"/>. Converted to utf8mb4_bin, the collation of OrgScope's tables, so the comparison is exact and never a collation mix.</summary>
    public static string SqlExpression(string alias, IReadOnlyList<PlanKeyColumn> key) =>
        $"CONVERT({(key.Count == 1 ? Part(alias, key[0]) : $"CONCAT_WS(',', {string.Join(", ", key.Select(k => Part(alias, k)))})")} USING utf8mb4) COLLATE utf8mb4_bin";

    private static string Part(string alias, PlanKeyColumn column)
    {
        var text = $"CAST({alias}.`{column.Column}` AS CHAR)";
        return IsInteger(column.SqlType) ? text : $"REPLACE(REPLACE({text}, '%', '%25'), ',', '%2C')";
    }

    private static bool IsInteger(string sqlType) =>
        System.Text.RegularExpressions.Regex.IsMatch(sqlType, @"^\s*(tiny|small|medium|big)?int", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
