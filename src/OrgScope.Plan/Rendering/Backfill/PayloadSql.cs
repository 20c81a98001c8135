using System;
using System.Collections.Generic;
using System.Linq;
using OrgScope.Model;

namespace OrgScope.Plan.Rendering.Backfill
{
    /// <summary>
    /// The audit's per-batch payload (docs/backfill.md "The audit"): one JSON array per batch in
    /// <c>orgscope_audit.written</c>, one entry per value written, <c>[value, source, k1, ..., kn]</c>. Written with
    /// JSON_ARRAYAGG, read back with JSON_TABLE (MySQL 8.0.4+, MariaDB 10.6+) and joined to the table by its typed key
    /// columns, so the UPDATE finds each row through the primary key. Binary values travel as hex (JSON holds text);
    /// character key columns are compared in the column's collation, which the server knows and the plan does not:
    /// given it, the JSON column says so; without it, the server's default for the character set applies.
    /// </summary>
    internal static class PayloadSql
    {
        public const string Alias = "w";
        public const int ValueIndex = 0;
        public const int SourceIndex = 1;
        public const int FirstKeyIndex = 2;

        private enum Kind
        {
            Integer,
            Text,
            Binary,
            Other,
        }

        /// <summary>One entry, from the resolved row <c>r</c> (key columns r.k1..r.kn) and the decided organization.</summary>
        public static string Entry(ScopedTableModel table, string rowAlias, string org, string source, string orgSqlType) =>
            "JSON_ARRAY(" + Encode(org, orgSqlType) + ", " + source + string.Concat(table.Key.Select((k, i) =>
                ", " + Encode(rowAlias + ".k" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), k.SqlType))) + ")";

        /// <summary>
        /// <c>JSON_TABLE(au.written, ...) AS w</c> with the value (w.v), the source (w.source, only when asked) and the key
        /// columns (w.k1..w.kn) typed as the table's, character keys in <paramref name="collations"/>' collation when given.
        /// </summary>
        public static string Table(string auditAlias, ScopedTableModel table, string orgSqlType, IReadOnlyDictionary<string, string>? collations, bool withSource = false)
        {
            var columns = new List<string> { "v " + JsonType(orgSqlType, null) + " PATH " + Path(ValueIndex) };
            if (withSource)
            {
                columns.Add("source VARCHAR(255) PATH " + Path(SourceIndex));
            }

            for (var i = 0; i < table.Key.Count; i++)
            {
                var key = table.Key[i];
                string? collation = null;
                collations?.TryGetValue(key.Column, out collation);
                columns.Add("k" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + JsonType(key.SqlType, collation) + " PATH " + Path(FirstKeyIndex + i));
            }

            return "JSON_TABLE(" + auditAlias + ".`written`, '$[*]' COLUMNS (" + SqlText.Join(", ", columns) + ")) AS " + Alias;
        }

        /// <summary>The table's rows for the payload's entries: t.k1 = w.k1 AND ... (through the primary key).</summary>
        public static string KeyJoin(string tableAlias, ScopedTableModel table) =>
            SqlText.Join(" AND ", table.Key.Select((k, i) => SqlText.Col(tableAlias, k.Column) + " = " + Decode(Alias + ".k" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), k.SqlType)));

        /// <summary>The written value, as the column takes it.</summary>
        public static string Value(string orgSqlType) => Decode(Alias + ".v", orgSqlType);

        /// <summary>
        /// column = the written value, exactly: character values compare as their utf8mb4 bytes (both sides explicit, so no
        /// collation of the server's has a say and no case-insensitive match counts as equal).
        /// </summary>
        public static string IsWritten(string column, string orgSqlType) =>
            KindOf(orgSqlType) == Kind.Text
                ? Exact(column) + " = " + Exact(Alias + ".v")
                : column + " = " + Value(orgSqlType);

        /// <summary>True for key columns whose comparison depends on a collation (CHAR, VARCHAR, TEXT, ENUM, SET).</summary>
        public static bool IsCharacter(string sqlType) => KindOf(sqlType) == Kind.Text;

        private static string Exact(string expression) => "CONVERT(" + expression + " USING utf8mb4) COLLATE utf8mb4_bin";

        private static string Path(int index) => "'$[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]'";

        private static string Encode(string expression, string sqlType) => KindOf(sqlType) == Kind.Binary ? "HEX(" + expression + ")" : expression;

        private static string Decode(string expression, string sqlType) => KindOf(sqlType) == Kind.Binary ? "UNHEX(" + expression + ")" : expression;

        // The JSON_TABLE column: the column's own type (a binary one as its hex text); a character type in the given collation.
        private static string JsonType(string sqlType, string? collation)
        {
            switch (KindOf(sqlType))
            {
                case Kind.Binary:
                    return "VARCHAR(" + (2 * Length(sqlType, 255)).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
                case Kind.Text:
                    var type = sqlType.StartsWith("CHAR", StringComparison.OrdinalIgnoreCase) || sqlType.StartsWith("VARCHAR", StringComparison.OrdinalIgnoreCase)
                        ? sqlType
                        : "VARCHAR(" + Length(sqlType, 255).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
                    return collation is null ? type : type + " COLLATE " + collation;
                default:
                    return sqlType;
            }
        }

        private static Kind KindOf(string sqlType)
        {
            var t = sqlType.Trim().ToUpperInvariant();
            if (KeySql.IsInteger(t))
            {
                return Kind.Integer;
            }

            if (t.StartsWith("BINARY", StringComparison.Ordinal) || t.StartsWith("VARBINARY", StringComparison.Ordinal) || t.Contains("BLOB"))
            {
                return Kind.Binary;
            }

            return t.StartsWith("CHAR", StringComparison.Ordinal) || t.StartsWith("VARCHAR", StringComparison.Ordinal) || t.Contains("TEXT") ||
                   t.StartsWith("ENUM", StringComparison.Ordinal) || t.StartsWith("SET", StringComparison.Ordinal) ||
                   t.StartsWith("NCHAR", StringComparison.Ordinal) || t.StartsWith("NVARCHAR", StringComparison.Ordinal) || t.StartsWith("NATIONAL", StringComparison.Ordinal)
                ? Kind.Text
                : Kind.Other;
        }

        private static int Length(string sqlType, int otherwise)
        {
            var open = sqlType.IndexOf('(');
            var close = sqlType.IndexOf(')');
            return open > 0 && close > open && int.TryParse(sqlType.Substring(open + 1, close - open - 1), out var n) ? n : otherwise;
        }
    }
}
