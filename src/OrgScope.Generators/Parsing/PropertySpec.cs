using OrgScope.Generators.Diagnostics;

namespace OrgScope.Generators.Parsing
{
    /// <summary>
    /// A mapped property: its column, its SQL type (null when it has none OrgScope supports; <see cref="TypeDisplay"/>
    /// says what it is), whether it is part of the key, and the entity it references, if declared.
    /// </summary>
    internal sealed record PropertySpec(
        string Name,
        LocationInfo? Location,
        NamedValue Column,
        string? SqlType,
        string TypeDisplay,
        bool IsBoolean,
        bool IsKey,
        int KeyOrder,
        ReferenceSpec? References);

    /// <summary>
    /// A declared <c>[References(typeof(X))]</c>: the target's full and simple names (null when the type does not
    /// resolve) and the location of the typeof argument.
    /// </summary>
    internal sealed record ReferenceSpec(string? FullName, string? Name, LocationInfo? Location);
}
