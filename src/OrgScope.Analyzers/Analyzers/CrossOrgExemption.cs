using Microsoft.CodeAnalysis;

namespace OrgScope.Analyzers.Analyzers
{
    /// <summary>[AllowCrossOrg("reason")] on the method (or its property, lambda's method, type, containing types) exempts its queries.</summary>
    internal static class CrossOrgExemption
    {
        public static bool IsExempt(ISymbol? symbol, INamedTypeSymbol? allowCrossOrg)
        {
            if (allowCrossOrg is null)
            {
                return false;
            }

            for (var current = symbol; current != null; current = current.ContainingSymbol)
            {
                if (current is INamespaceSymbol)
                {
                    return false;
                }

                if (HasAttribute(current, allowCrossOrg))
                {
                    return true;
                }

                if (current is IMethodSymbol method && method.AssociatedSymbol != null && HasAttribute(method.AssociatedSymbol, allowCrossOrg))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attributeType)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
