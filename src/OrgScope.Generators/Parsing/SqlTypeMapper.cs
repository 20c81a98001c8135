using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace OrgScope.Generators.Parsing
{
    /// <summary>CLR type → MySQL column type, for the types OrgScope accepts in keys and organization ids.</summary>
    internal static class SqlTypeMapper
    {
        /// <summary>The SQL type, or null when the type has no supported mapping (a string without a length included).</summary>
        public static string? Map(ITypeSymbol type, int? maxLength)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                && nullable.TypeArguments.Length == 1)
            {
                type = nullable.TypeArguments[0];
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Int64: return "BIGINT";
                case SpecialType.System_Int32: return "INT";
                case SpecialType.System_Int16: return "SMALLINT";
                case SpecialType.System_Byte: return "TINYINT UNSIGNED";
                case SpecialType.System_UInt64: return "BIGINT UNSIGNED";
                case SpecialType.System_UInt32: return "INT UNSIGNED";
                case SpecialType.System_UInt16: return "SMALLINT UNSIGNED";
                case SpecialType.System_String: return maxLength is > 0 ? $"VARCHAR({maxLength.Value})" : null;
            }

            return KnownTypes.IsGuid(type) ? "CHAR(36)" : null;
        }

        // Words, at most one (length) or (precision,scale), more words: "BIGINT UNSIGNED", "VARCHAR(64)", "DECIMAL(10,2) UNSIGNED".
        private static readonly Regex TypeNameShape = new(
            @"^[A-Z][A-Z0-9_]*( [A-Z][A-Z0-9_]*)*(\([0-9]+(,[0-9]+)?\))?( [A-Z][A-Z0-9_]*)*$", RegexOptions.CultureInvariant);

        /// <summary>
        /// A <c>[Column(TypeName=)]</c> override, upper-cased with single spaces so types compare by meaning; null unless it
        /// has the shape of a column type (it is pasted into DDL, so nothing else gets through).
        /// </summary>
        public static string? NormalizeTypeName(string typeName)
        {
            var normalized = Collapse(typeName);
            return normalized is not null && TypeNameShape.IsMatch(normalized) ? normalized : null;
        }

        private static string? Collapse(string typeName)
        {
            var builder = new StringBuilder(typeName.Length);
            foreach (var c in typeName.Trim())
            {
                if (c == ' ' || c == '\t')
                {
                    if (builder.Length > 0 && builder[builder.Length - 1] != ' ')
                    {
                        builder.Append(' ');
                    }
                }
                else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '(' || c == ')' || c == ',' || c == '_')
                {
                    builder.Append(char.ToUpperInvariant(c));
                }
                else
                {
                    return null;
                }
            }

            // "VARCHAR (64)" and "DECIMAL(10, 2)" mean the same as without the spaces.
            return builder.Length == 0 ? null : builder.ToString().Replace(" (", "(").Replace(", ", ",").Replace(" ,", ",").Replace("( ", "(").Replace(" )", ")");
        }
    }
}
