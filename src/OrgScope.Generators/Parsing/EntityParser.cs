using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using OrgScope.Generators.Diagnostics;
using OrgScope.Model;
using OrgScope.Shared;

namespace OrgScope.Generators.Parsing
{
    /// <summary>Turns one annotated class symbol into an <see cref="EntitySpec"/> at once; the symbol goes no further.</summary>
    internal static class EntityParser
    {
        private static readonly SymbolDisplayFormat FullNameFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

        public static EntitySpec? Parse(GeneratorAttributeSyntaxContext context, EntityKind kind, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type || context.Attributes.IsDefaultOrEmpty)
            {
                return null;
            }

            var fullName = type.ToDisplayString(FullNameFormat);
            var nameLocation = LocationInfo.From(type.Locations.Length > 0 ? type.Locations[0] : null);
            try
            {
                return ParseCore(type, context.Attributes[0], kind, fullName, nameLocation, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Never throw into the compiler: the builder turns this into ORG100 and withholds the plan.
                return new EntitySpec(kind, fullName, type.Name, nameLocation, NamedValue.None, NamedValue.None,
                    EquatableArray<PropertySpec>.Empty, EquatableArray<NamedValue>.Empty, ConflictPolicy.Report,
                    NamedValue.None, NamedValue.None, NamedValue.None, HasInvalidArguments: true, ParseFailure: ex.GetType().Name + ": " + ex.Message);
            }
        }

        private static EntitySpec ParseCore(
            INamedTypeSymbol type, AttributeData attribute, EntityKind kind, string fullName, LocationInfo? nameLocation, CancellationToken cancellationToken)
        {
            var arguments = new AttributeArguments(attribute, cancellationToken);
            var hasInvalidArguments = arguments.HasErrors;

            var table = arguments.NamedString("Table");
            if (table.Value is null)
            {
                table = TableAttributeName(type, cancellationToken) ?? new NamedValue(NamingConvention.TableName(type.Name), nameLocation);
            }

            var orgColumn = NamedValue.None;
            var inferFrom = EquatableArray<NamedValue>.Empty;
            var onConflict = ConflictPolicy.Report;
            var member = NamedValue.None;
            var organization = NamedValue.None;
            var primary = NamedValue.None;
            switch (kind)
            {
                case EntityKind.Scoped:
                    orgColumn = arguments.NamedString("Column");
                    if (orgColumn.Value is null)
                    {
                        orgColumn = new NamedValue(NamingConvention.DefaultOrganizationColumn, orgColumn.Location ?? nameLocation);
                    }

                    inferFrom = arguments.NamedStringArray("InferFrom").ToEquatableArray();
                    if (arguments.Named("OnConflict") is { Kind: TypedConstantKind.Enum, Value: int policy })
                    {
                        onConflict = policy == (int)ConflictPolicy.FirstSourceWins ? ConflictPolicy.FirstSourceWins : ConflictPolicy.Report;
                    }

                    break;
                case EntityKind.Membership:
                    member = WithFallback(arguments.NamedString("Member"), arguments.AttributeLocation);
                    organization = WithFallback(arguments.NamedString("Organization"), arguments.AttributeLocation);
                    primary = WithFallback(arguments.NamedString("Primary"), arguments.AttributeLocation);
                    break;
            }

            var properties = PropertyParser.Parse(type, cancellationToken);
            return new EntitySpec(kind, fullName, type.Name, nameLocation, table, orgColumn, properties, inferFrom, onConflict,
                member, organization, primary, hasInvalidArguments, ParseFailure: null);
        }

        /// <summary>A missing argument is reported on the attribute itself.</summary>
        private static NamedValue WithFallback(NamedValue value, LocationInfo? attributeLocation) =>
            value.Location is null ? new NamedValue(value.Value, attributeLocation) : value;

        private static NamedValue? TableAttributeName(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (KnownTypes.IsTable(attribute.AttributeClass))
                {
                    var name = new AttributeArguments(attribute, cancellationToken).PositionalString(0);
                    return name.Value is null ? null : name;
                }
            }

            return null;
        }

        internal static string FullNameOf(ITypeSymbol type) => type.ToDisplayString(FullNameFormat);
    }
}
