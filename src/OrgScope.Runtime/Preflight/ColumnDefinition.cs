using System.Text.RegularExpressions;

namespace OrgScope.Runtime.Preflight;

/// <summary>
/// A column's type as a foreign key or a join sees it: the type ("bigint(20) unsigned", "char(36)") and, for character
/// types, the character set and collation (null for other types).
/// </summary>
public sealed record ColumnDefinition(string Type, string? Charset, string? Collation)
{
    private static readonly Regex CharsetClause = new(@"\s+(?:CHARACTER\s+SET|CHARSET)\s+([A-Za-z0-9_]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex CollateClause = new(@"\s+COLLATE\s+([A-Za-z0-9_]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Whether the type holds text (and so has a character set and a collation).</summary>
    public bool IsText => ColumnType.FamilyOf(Type) == "string";

    /// <summary>"bigint unsigned", "char(36) utf8mb4_bin": how an operator recognises it.</summary>
    public string Display => IsText && Collation is not null ? $"{ColumnType.Normalize(Type)} {Collation}" : ColumnType.Normalize(Type);

    /// <summary>
    /// The column a plan's SQL type becomes when 001 adds it to a table: a <c>CHARACTER SET</c> or <c>COLLATE</c> written in
    /// the type (<c>[Column(TypeName = "CHAR(36) CHARACTER SET ascii COLLATE ascii_bin")]</c>) wins, else a character type
    /// takes the table's defaults, as <c>ALTER TABLE ... ADD COLUMN</c> does.
    /// </summary>
    public static ColumnDefinition Planned(string sqlType, string? tableCharset, string? tableCollation)
    {
        var charset = CharsetClause.Match(sqlType) is { Success: true } c ? c.Groups[1].Value.ToLowerInvariant() : null;
        var collation = CollateClause.Match(sqlType) is { Success: true } k ? k.Groups[1].Value.ToLowerInvariant() : null;
        var type = CollateClause.Replace(CharsetClause.Replace(sqlType, ""), "").Trim();
        if (ColumnType.FamilyOf(type) != "string")
        {
            return new ColumnDefinition(type, null, null);
        }

        // A collation names its character set (its prefix); a character set alone takes the table's collation only when that belongs to it.
        charset ??= collation is not null ? CharsetOf(collation) : tableCharset;
        collation ??= tableCollation is not null && charset is not null && CharsetOf(tableCollation) == charset ? tableCollation : null;
        return new ColumnDefinition(type, charset, collation);
    }

    /// <summary>The character set a collation belongs to: its name up to the first underscore ("utf8mb4_bin" → "utf8mb4").</summary>
    public static string CharsetOf(string collation)
    {
        var end = collation.IndexOf('_');
        return (end > 0 ? collation[..end] : collation).ToLowerInvariant();
    }
}
