using System;
using System.Text.RegularExpressions;

namespace OrgScope.Runtime.Preflight;

/// <summary>How far apart two column types are.</summary>
public enum TypeMatch
{
    /// <summary>Same type.</summary>
    Same,

    /// <summary>Same family (both integers, both strings...) but a different width or signedness: joins work, slower or lossy at the edges.</summary>
    Compatible,

    /// <summary>Different families (a number against a string): joins convert every row and indexes go unused.</summary>
    Different,
}

/// <summary>
/// Compares a plan's SQL type ("BIGINT") with what INFORMATION_SCHEMA reports ("bigint(20)", "bigint unsigned"):
/// integer display widths and ZEROFILL mean nothing for the value, so they are dropped before comparing.
/// </summary>
public static class ColumnType
{
    private static readonly Regex IntegerWidth = new(@"^(tinyint|smallint|mediumint|int|integer|bigint)\s*\(\s*\d+\s*\)", RegexOptions.CultureInvariant);

    /// <summary>Lower case, single spaces, no integer display width, no ZEROFILL, no character set or collation, INTEGER as INT.</summary>
    public static string Normalize(string sqlType)
    {
        var text = Regex.Replace(sqlType.Trim().ToLowerInvariant(), @"\s+", " ");
        text = IntegerWidth.Replace(text, "$1");
        text = text.Replace(" zerofill", "", StringComparison.Ordinal);
        // A character set or collation written in a plan's type ([Column(TypeName = ...)]) is not part of the type:
        // ColumnDefinition compares it apart.
        text = Regex.Replace(text, @"\s+(character set|charset|collate)\s+[a-z0-9_]+", "");
        text = Regex.Replace(text, @"^integer\b", "int");
        text = Regex.Replace(text, @"\s*\(\s*", "(");
        text = Regex.Replace(text, @"\s*,\s*", ",");
        return Regex.Replace(text, @"\s*\)", ")").Trim();
    }

    /// <summary>How <paramref name="actual"/> compares with <paramref name="expected"/>.</summary>
    public static TypeMatch Compare(string expected, string actual)
    {
        var left = Normalize(expected);
        var right = Normalize(actual);
        if (left == right)
        {
            return TypeMatch.Same;
        }

        return Family(left) is { } family && family == Family(right) ? TypeMatch.Compatible : TypeMatch.Different;
    }

    /// <summary>The type's family ("integer", "string", "binary", "decimal", "uuid"), or null for anything else.</summary>
    public static string? FamilyOf(string sqlType) => Family(Normalize(sqlType));

    /// <summary>The type's name without length or attributes: "bigint" for "bigint(20) unsigned".</summary>
    public static string BaseName(string sqlType) => Regex.Match(Normalize(sqlType), @"^[a-z]+").Value;

    /// <summary>Whether a numeric type is UNSIGNED.</summary>
    public static bool IsUnsigned(string sqlType) => Regex.IsMatch(Normalize(sqlType), @"\bunsigned\b");

    private static string? Family(string normalized)
    {
        var name = Regex.Match(normalized, @"^[a-z]+").Value;
        return name switch
        {
            "tinyint" or "smallint" or "mediumint" or "int" or "bigint" => "integer",
            "char" or "varchar" => "string",
            "binary" or "varbinary" => "binary",
            "decimal" or "numeric" => "decimal",
            "uuid" => "uuid",
            _ => null,
        };
    }
}
