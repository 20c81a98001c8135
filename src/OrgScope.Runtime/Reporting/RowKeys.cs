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

    /// <summary>
    /// Orders row keys as their values order: part by part, integers by value (1, 3, 13, 28, not 1, 13, 28, 3), other
    /// parts as text.
    /// </summary>
    public static IComparer<string> Order { get; } = Comparer<string>.Create(CompareKeys);

    private static int CompareKeys(string? left, string? right)
    {
        var a = (left ?? "").Split(',');
        var b = (right ?? "").Split(',');
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            var order = ComparePart(a[i], b[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int ComparePart(string a, string b)
    {
        // Integers of any length: by sign, then digit count, then digits (no overflow for keys beyond long).
        if (IsIntegerText(a) && IsIntegerText(b))
        {
            var negativeA = a[0] == '-';
            var negativeB = b[0] == '-';
            if (negativeA != negativeB)
            {
                return negativeA ? -1 : 1;
            }

            var digitsA = a.TrimStart('-').TrimStart('0');
            var digitsB = b.TrimStart('-').TrimStart('0');
            var magnitude = digitsA.Length != digitsB.Length
                ? digitsA.Length.CompareTo(digitsB.Length)
                : string.CompareOrdinal(digitsA, digitsB);
            return negativeA ? -magnitude : magnitude;
        }

        return string.CompareOrdinal(a, b);
    }

    private static bool IsIntegerText(string text) =>
        text.Length > 0 && text.Select((c, i) => char.IsAsciiDigit(c) || (i == 0 && c == '-' && text.Length > 1)).All(ok => ok);

    private static string Part(string alias, PlanKeyColumn column)
    {
        var text = $"CAST({alias}.`{column.Column}` AS CHAR)";
        return IsInteger(column.SqlType) ? text : $"REPLACE(REPLACE({text}, '%', '%25'), ',', '%2C')";
    }

    private static bool IsInteger(string sqlType) =>
        System.Text.RegularExpressions.Regex.IsMatch(sqlType, @"^\s*(tiny|small|medium|big)?int", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
