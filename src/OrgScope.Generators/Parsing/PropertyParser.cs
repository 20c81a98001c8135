using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using OrgScope.Generators.Diagnostics;
using OrgScope.Model;
using OrgScope.Shared;

namespace OrgScope.Generators.Parsing
{
    /// <summary>Reads the mapped properties of an entity (its own and inherited, base first) into <see cref="PropertySpec"/>s.</summary>
    internal static class PropertyParser
    {
        public static EquatableArray<PropertySpec> Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            // The visited set guards against cyclic inheritance in broken code (the compiler reports it).
            var chain = new List<INamedTypeSymbol>();
            var visited = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && visited.Add(current); current = current.BaseType)
            {
                chain.Add(current);
            }

            // Base first (declaration order, like EF); an override replaces the base property in place.
            var order = new List<string>();
            var byName = new Dictionary<string, IPropertySymbol>();
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                foreach (var member in chain[i].GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                    {
                        if (!byName.ContainsKey(property.Name))
                        {
                            order.Add(property.Name);
                        }

                        byName[property.Name] = property;
                    }
                }
            }

            var result = new List<PropertySpec>(order.Count);
            foreach (var name in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                result.Add(ParseProperty(byName[name], cancellationToken));
            }

            return result.ToEquatableArray();
        }

        private static PropertySpec ParseProperty(IPropertySymbol property, CancellationToken cancellationToken)
        {
            var location = LocationInfo.From(property.Locations.Length > 0 ? property.Locations[0] : null);
            NamedValue? column = null;
            string? typeName = null;
            var typeNameInvalid = false;
            var isKey = false;
            var keyOrder = int.MaxValue;
            int? maxLength = null;
            ReferenceSpec? references = null;

            foreach (var attribute in property.GetAttributes())
            {
                var attributeClass = attribute.AttributeClass;
                if (KnownTypes.IsKey(attributeClass))
                {
                    isKey = true;
                }
                else if (KnownTypes.IsColumn(attributeClass))
                {
                    var arguments = new AttributeArguments(attribute, cancellationToken);
                    var name = arguments.PositionalString(0);
                    if (name.Value is not null)
                    {
                        column = name;
                    }

                    if (arguments.Named("Order") is { Kind: TypedConstantKind.Primitive, Value: int order })
                    {
                        keyOrder = order;
                    }

                    if (arguments.Named("TypeName") is { Kind: TypedConstantKind.Primitive, Value: string written })
                    {
                        typeName = SqlTypeMapper.NormalizeTypeName(written);
                        typeNameInvalid = typeName is null;
                    }
                }
                else if (KnownTypes.IsMaxLength(attributeClass) || KnownTypes.IsStringLength(attributeClass))
                {
                    if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Primitive, Value: int length })
                    {
                        maxLength = length;
                    }
                }
                else if (KnownTypes.IsReferences(attributeClass))
                {
                    references = ParseReference(attribute, location, cancellationToken);
                }
            }

            var sqlType = typeNameInvalid ? null : typeName ?? SqlTypeMapper.Map(property.Type, maxLength);
            var typeDisplay = property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            var isBoolean = property.Type.SpecialType == SpecialType.System_Boolean
                || (property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                    && nullable.TypeArguments.Length == 1 && nullable.TypeArguments[0].SpecialType == SpecialType.System_Boolean);

            return new PropertySpec(
                property.Name,
                location,
                column ?? new NamedValue(NamingConvention.ColumnName(property.Name), location),
                sqlType,
                typeDisplay,
                isBoolean,
                isKey,
                keyOrder,
                references);
        }

        private static ReferenceSpec ParseReference(AttributeData attribute, LocationInfo? propertyLocation, CancellationToken cancellationToken)
        {
            var arguments = new AttributeArguments(attribute, cancellationToken);
            var location = LocationInfo.From(arguments.PositionalExpression(0)) ?? arguments.AttributeLocation ?? propertyLocation;
            if (arguments.Positional(0) is { Kind: TypedConstantKind.Type, Value: INamedTypeSymbol target } && target.TypeKind != TypeKind.Error)
            {
                return new ReferenceSpec(EntityParser.FullNameOf(target), target.Name, location);
            }

            return new ReferenceSpec(null, null, location);
        }
    }
}
