using OrgScope.Generators.Diagnostics;
using OrgScope.Model;

namespace OrgScope.Generators.Parsing
{
    /// <summary>Which OrgScope attribute an entity carries (a class with two of them yields two specs).</summary>
    internal enum EntityKind
    {
        Scoped,
        Root,
        Membership,
    }

    /// <summary>
    /// One annotated class, read once from its symbol into plain equatable data: everything the model builder needs
    /// and the location of every attribute argument a diagnostic may point at. No symbols, no syntax.
    /// </summary>
    internal sealed record EntitySpec(
        EntityKind Kind,
        string FullName,
        string Name,
        LocationInfo? NameLocation,
        NamedValue Table,
        NamedValue OrgColumn,
        EquatableArray<PropertySpec> Properties,
        EquatableArray<NamedValue> InferFrom,
        ConflictPolicy OnConflict,
        NamedValue Member,
        NamedValue Organization,
        NamedValue Primary,
        bool HasInvalidArguments,
        string? ParseFailure)
    {
        /// <summary>The property with this exact (case-sensitive, like nameof) name.</summary>
        public PropertySpec? FindProperty(string name)
        {
            foreach (var property in Properties)
            {
                if (property.Name == name)
                {
                    return property;
                }
            }

            return null;
        }
    }

    /// <summary>A string read from an attribute argument (or a convention) and where a diagnostic about it should point.</summary>
    internal sealed record NamedValue(string? Value, LocationInfo? Location)
    {
        public static readonly NamedValue None = new(null, null);
    }
}
