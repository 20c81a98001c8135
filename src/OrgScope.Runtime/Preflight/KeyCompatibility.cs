namespace OrgScope.Runtime.Preflight;

/// <summary>Why two columns cannot be joined by a foreign key (or by an equality join).</summary>
public enum KeyMismatch
{
    /// <summary>They fit.</summary>
    None,

    /// <summary>A number against a string (or other families).</summary>
    Family,

    /// <summary>Integers of different sizes (INT against BIGINT), or decimals of different precision.</summary>
    Size,

    /// <summary>Signed against unsigned.</summary>
    Signedness,

    /// <summary>Text in different character sets (utf8mb4 against latin1).</summary>
    Charset,

    /// <summary>Text in one character set with different collations (utf8mb4_bin against utf8mb4_general_ci).</summary>
    Collation,
}

/// <summary>
/// The server's rules for pairing key columns, checked before anything is written so that a foreign key cannot fail at
/// the end of the run. InnoDB creates a foreign key only between integers of the same size and signedness, decimals of
/// the same precision, and text of the same character set and collation (any length); otherwise MySQL and MariaDB fail
/// with a misleading "Missing index for constraint" (1822) or "incorrectly formed" (150). An equality join between text
/// of different collations fails ("Illegal mix of collations", 1267) and between character sets converts every row,
/// so no index on the converted side is used.
/// </summary>
public static class KeyCompatibility
{
    /// <summary>Whether a foreign key from <paramref name="referencing"/> to <paramref name="referenced"/> can be created.</summary>
    public static KeyMismatch ForeignKey(ColumnDefinition referencing, ColumnDefinition referenced)
    {
        var family = ColumnType.FamilyOf(referencing.Type);
        if (family is null || family != ColumnType.FamilyOf(referenced.Type))
        {
            return ColumnType.Normalize(referencing.Type) == ColumnType.Normalize(referenced.Type) ? KeyMismatch.None : KeyMismatch.Family;
        }

        switch (family)
        {
            case "integer":
            case "decimal":
                if (ColumnType.IsUnsigned(referencing.Type) != ColumnType.IsUnsigned(referenced.Type))
                {
                    return KeyMismatch.Signedness;
                }

                var size = family == "integer"
                    ? ColumnType.BaseName(referencing.Type) == ColumnType.BaseName(referenced.Type)
                    : Unsigned(ColumnType.Normalize(referencing.Type)) == Unsigned(ColumnType.Normalize(referenced.Type));
                return size ? KeyMismatch.None : KeyMismatch.Size;
            case "string":
                return Text(referencing, referenced);
            default:
                return KeyMismatch.None;
        }

        static string Unsigned(string normalized) => normalized.Replace(" unsigned", "", System.StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether <c>a = b</c> compares the values as they are: text only, since numbers of any size and sign compare by
    /// value (<see cref="ColumnType.Compare"/> covers the rest).
    /// </summary>
    public static KeyMismatch Join(ColumnDefinition a, ColumnDefinition b) =>
        a.IsText && b.IsText ? Text(a, b) : KeyMismatch.None;

    private static KeyMismatch Text(ColumnDefinition a, ColumnDefinition b)
    {
        if (a.Charset is null || b.Charset is null)
        {
            return KeyMismatch.None;
        }

        if (!string.Equals(a.Charset, b.Charset, System.StringComparison.OrdinalIgnoreCase))
        {
            return KeyMismatch.Charset;
        }

        return a.Collation is null || b.Collation is null || string.Equals(a.Collation, b.Collation, System.StringComparison.OrdinalIgnoreCase)
            ? KeyMismatch.None
            : KeyMismatch.Collation;
    }

    /// <summary>The mismatch in words, for a message: "signed against unsigned", "INT against BIGINT".</summary>
    public static string Describe(KeyMismatch mismatch, ColumnDefinition from, ColumnDefinition to) => mismatch switch
    {
        KeyMismatch.Signedness => (ColumnType.IsUnsigned(from.Type) ? "unsigned" : "signed") + " against " + (ColumnType.IsUnsigned(to.Type) ? "unsigned" : "signed"),
        KeyMismatch.Size => ColumnType.BaseName(from.Type).ToUpperInvariant() + " against " + ColumnType.BaseName(to.Type).ToUpperInvariant(),
        KeyMismatch.Charset => $"character set {from.Charset} against {to.Charset}",
        KeyMismatch.Collation => $"collation {from.Collation} against {to.Collation}",
        KeyMismatch.Family => $"{ColumnType.Normalize(from.Type)} against {ColumnType.Normalize(to.Type)}",
        _ => "",
    };
}
