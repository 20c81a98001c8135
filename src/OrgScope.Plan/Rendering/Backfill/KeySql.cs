using System;
using System.Collections.Generic;
using System.Linq;
using OrgScope.Model;

namespace OrgScope.Plan.Rendering.Backfill
{
    /// <summary>
    /// Keyset SQL over a (possibly composite) primary key: the canonical row_key text and the range predicates.
    /// Row comparisons are spelled out (k1 &gt;= @a1 AND (k1 &gt; @a1 OR ...)) because a row constructor
    /// comparison does not reliably give a range scan on both MySQL and MariaDB; the leading k1 bound always does.
    /// </summary>
    internal static class KeySql
    {
        /// <summary>Parameter of key column <paramref name="index"/> (0-based) for a bound named <paramref name="bound"/>: @after_k1, @from_k2, ...</summary>
        public static string Param(string bound, int index) => "@" + bound + "_k" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// The canonical row_key text (docs/backfill.md): key values in key order, joined by ','; integers in decimal;
        /// other types as CAST(.. AS CHAR) with '%' and ',' percent-encoded. Collated utf8mb4_bin so it compares with
        /// OrgScope's own row_key columns through their index whatever the connection collation.
        /// </summary>
        public static string RowKey(string alias, EquatableArray<KeyColumnModel> key)
        {
            var parts = key.Select(k => Component(alias, k)).ToList();
            var text = parts.Count == 1 ? parts[0] : "CONCAT(" + SqlText.Join(", ',', ", parts) + ")";
            return "CONVERT(" + text + " USING utf8mb4) COLLATE utf8mb4_bin";
        }

        /// <summary>The key columns as a select list (k1, k2, ...), in key order.</summary>
        public static string SelectList(string alias, EquatableArray<KeyColumnModel> key) =>
            SqlText.Join(", ", key.Select((k, i) => SqlText.Col(alias, k.Column) + " AS k" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        public static string OrderBy(string alias, EquatableArray<KeyColumnModel> key) =>
            SqlText.Join(", ", key.Select(k => SqlText.Col(alias, k.Column)));

        /// <summary>key &gt; @after_k* (strictly after the checkpoint).</summary>
        public static string After(string alias, EquatableArray<KeyColumnModel> key) => Compare(alias, key, "after", ">", ">=", 0);

        /// <summary>key &lt;= @until_k* (up to a worker range's last key).</summary>
        public static string Until(string alias, EquatableArray<KeyColumnModel> key) => Compare(alias, key, "until", "<=", "<=", 0);

        /// <summary>@from_k* &lt;= key &lt;= @to_k*: the batch's closed range.</summary>
        public static string Range(string alias, EquatableArray<KeyColumnModel> key) =>
            Compare(alias, key, "from", ">=", ">=", 0) + " AND " + Compare(alias, key, "to", "<=", "<=", 0);

        /// <summary>True for integer SQL types (their row_key component is plain decimal text).</summary>
        public static bool IsInteger(string sqlType)
        {
            var t = sqlType.Trim().ToUpperInvariant();
            return t.StartsWith("TINYINT", StringComparison.Ordinal) || t.StartsWith("SMALLINT", StringComparison.Ordinal) ||
                   t.StartsWith("MEDIUMINT", StringComparison.Ordinal) || t.StartsWith("INT", StringComparison.Ordinal) ||
                   t.StartsWith("BIGINT", StringComparison.Ordinal);
        }

        private static string Component(string alias, KeyColumnModel column)
        {
            var cast = "CAST(" + SqlText.Col(alias, column.Column) + " AS CHAR)";
            return IsInteger(column.SqlType) ? cast : "REPLACE(REPLACE(" + cast + ", '%', '%25'), ',', '%2C')";
        }

        // Lexicographic comparison of the key with a bound. The last column takes `last` (>, >=, <=); earlier columns
        // are bounded by `lead` (>= or <=) and then either strictly beyond the bound or equal and compared further.
        private static string Compare(string alias, EquatableArray<KeyColumnModel> key, string bound, string last, string lead, int index)
        {
            var column = SqlText.Col(alias, key[index].Column);
            var param = Param(bound, index);
            if (index == key.Count - 1)
            {
                return column + " " + last + " " + param;
            }

            var strict = lead == ">=" ? ">" : "<";
            return column + " " + lead + " " + param + " AND (" + column + " " + strict + " " + param + " OR " +
                   Compare(alias, key, bound, last, lead, index + 1) + ")";
        }

        /// <summary>Every parameter name the range predicates of a key use, for documentation and tests.</summary>
        public static IEnumerable<string> Params(string bound, EquatableArray<KeyColumnModel> key) =>
            key.Select((_, i) => Param(bound, i));
    }
}
