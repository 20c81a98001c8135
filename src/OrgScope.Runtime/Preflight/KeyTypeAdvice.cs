namespace OrgScope.Runtime.Preflight;

/// <summary>How to declare an organization key so that OrgScope's columns pair with the real one: the fix a check prints.</summary>
public static class KeyTypeAdvice
{
    /// <summary>The column type to write in SQL or in <c>[Column(TypeName = ...)]</c>: "BIGINT UNSIGNED", "CHAR(36) CHARACTER SET ascii COLLATE ascii_bin".</summary>
    public static string ColumnType(ColumnDefinition column)
    {
        var type = Preflight.ColumnType.Normalize(column.Type).ToUpperInvariant();
        return column.IsText && column.Charset is not null && column.Collation is not null
            ? $"{type} CHARACTER SET {column.Charset} COLLATE {column.Collation}"
            : type;
    }

    /// <summary>"as `ulong`, or with [Column(TypeName = "BIGINT UNSIGNED")]"; text keys need the type name (it carries the collation).</summary>
    public static string Declaration(ColumnDefinition column)
    {
        var typeName = $"with [Column(TypeName = \"{ColumnType(column)}\")]";
        return ClrType(column) is { } clr ? $"as `{clr}`, or {typeName}" : typeName;
    }

    // The C# type OrgScope maps to this SQL type (docs: supported key types), when there is one.
    private static string? ClrType(ColumnDefinition column)
    {
        if (column.IsText)
        {
            return null;
        }

        var unsigned = Preflight.ColumnType.IsUnsigned(column.Type);
        return Preflight.ColumnType.BaseName(column.Type) switch
        {
            "bigint" => unsigned ? "ulong" : "long",
            "int" => unsigned ? "uint" : "int",
            "smallint" => unsigned ? "ushort" : "short",
            "tinyint" when unsigned => "byte",
            _ => null,
        };
    }
}
