using Microsoft.CodeAnalysis;

namespace OrgScope.Analyzers.Exemptions
{
    /// <summary>
    /// [AllowCrossOrg("reason")] on the method (or its property, a lambda's method, the type, a containing type):
    /// the innermost one applies. Its reason exempts every rule of the code under it (an empty one exempts nothing).
    /// </summary>
    internal static class AllowCrossOrgAttributes
    {
        public static Exemption? Find(ISymbol? symbol, INamedTypeSymbol? allowCrossOrg)
        {
            if (allowCrossOrg is null)
            {
                return null;
            }

            for (var current = symbol; current != null && !(current is INamespaceSymbol); current = current.ContainingSymbol)
            {
                var attribute = Attribute(current, allowCrossOrg);
                if (attribute is null && current is IMethodSymbol method && method.AssociatedSymbol != null)
                {
                    attribute = Attribute(method.AssociatedSymbol, allowCrossOrg);
                }

                if (attribute != null)
                {
                    var reason = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                    var location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? Location.None;
                    return string.IsNullOrWhiteSpace(reason) ? null : Exemption.FromAttribute(reason!.Trim(), location);
                }
            }

            return null;
        }

        private static AttributeData? Attribute(ISymbol symbol, INamedTypeSymbol attributeType)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                {
                    return attribute;
                }
            }

            return null;
        }
    }
}
