using Microsoft.CodeAnalysis;

namespace OrgScope.Generators.Parsing
{
    /// <summary>
    /// The attributes the parser reads, matched by namespace and name (not by symbol identity), so the data-annotations
    /// attributes are recognised whichever assembly defines them.
    /// </summary>
    internal static class KnownTypes
    {
        public const string OrgScopedAttribute = "OrgScope.OrgScopedAttribute";
        public const string OrgRootAttribute = "OrgScope.OrgRootAttribute";
        public const string OrgMembershipAttribute = "OrgScope.OrgMembershipAttribute";

        private static readonly string[] OrgScopeNamespace = { "OrgScope" };
        private static readonly string[] AnnotationsNamespace = { "System", "ComponentModel", "DataAnnotations" };
        private static readonly string[] SchemaNamespace = { "System", "ComponentModel", "DataAnnotations", "Schema" };
        private static readonly string[] SystemNamespace = { "System" };

        public static bool IsTable(INamedTypeSymbol? type) => Is(type, SchemaNamespace, "TableAttribute");

        public static bool IsColumn(INamedTypeSymbol? type) => Is(type, SchemaNamespace, "ColumnAttribute");

        public static bool IsKey(INamedTypeSymbol? type) => Is(type, AnnotationsNamespace, "KeyAttribute");

        public static bool IsMaxLength(INamedTypeSymbol? type) => Is(type, AnnotationsNamespace, "MaxLengthAttribute");

        public static bool IsStringLength(INamedTypeSymbol? type) => Is(type, AnnotationsNamespace, "StringLengthAttribute");

        public static bool IsReferences(INamedTypeSymbol? type) => Is(type, OrgScopeNamespace, "ReferencesAttribute");

        public static bool IsGuid(ITypeSymbol? type) => Is(type, SystemNamespace, "Guid");

        private static bool Is(ITypeSymbol? type, string[] namespaceParts, string name)
        {
            if (type is null || type.Name != name || type.ContainingType is not null)
            {
                return false;
            }

            var ns = type.ContainingNamespace;
            for (var i = namespaceParts.Length - 1; i >= 0; i--)
            {
                if (ns is null || ns.Name != namespaceParts[i])
                {
                    return false;
                }

                ns = ns.ContainingNamespace;
            }

            return ns is not null && ns.IsGlobalNamespace;
        }
    }
}
