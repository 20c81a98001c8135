using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using OrgScope.Plan;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// The canonical row_key text (docs/backfill.md), the same the generated SQL builds: key values in key order joined by
/// ','; integers in decimal; anything else as text with '%' → '%25' and ',' → '%2C'. Used for checkpoints (so a
/// resumed run binds typed key values again) and to read audit and unresolved rows back.
/// </summary>
internal static class RowKey
{
    public static string Encode(IReadOnlyList<object?> values) => string.Join(",", values.Select(EncodeOne));

    public static object?[] Decode(string text, IReadOnlyList<PlanKeyColumn> key)
    {
        var parts = text.Split(',');
        if (parts.Length != key.Count)
        {
            throw new FormatException($"Row key '{text}' has {parts.Length} part(s); the key has {key.Count} column(s).");
        }

        var values = new object?[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var raw = parts[i].Replace("%2C", ",", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);
            values[i] = IsInteger(key[i].SqlType)
                ? IsUnsigned(key[i].SqlType) ? ulong.Parse(raw, CultureInfo.InvariantCulture) : long.Parse(raw, CultureInfo.InvariantCulture)
                : raw;
        }

        return values;
    }

    public static bool IsInteger(string sqlType)
    {
        var t = sqlType.Trim().ToUpperInvariant();
        return t.StartsWith("TINYINT", StringComparison.Ordinal) || t.StartsWith("SMALLINT", StringComparison.Ordinal) ||
               t.StartsWith("MEDIUMINT", StringComparison.Ordinal) || t.StartsWith("INT", StringComparison.Ordinal) ||
               t.StartsWith("BIGINT", StringComparison.Ordinal);
    }

    private static bool IsUnsigned(string sqlType) => sqlType.Contains("UNSIGNED", StringComparison.OrdinalIgnoreCase);

    private static string EncodeOne(object? value) => value switch
    {
        null or DBNull => "",
        sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        DateTime d => Escape(d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')),
        byte[] bytes => Escape(Encoding.UTF8.GetString(bytes)),
        _ => Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Escape(string text) => text.Replace("%", "%25", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
