using Microsoft.CodeAnalysis;

namespace OrgScope.GeneratorBenchmarks;

/// <summary>
/// What Roslyn costs before OrgScope does anything: the same three ForAttributeWithMetadataName lookups, collected,
/// with no parsing, validation or emission. The difference to OrgScopeGenerator is OrgScope's own work.
/// </summary>
[Generator]
public sealed class BaselineGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var scoped = context.SyntaxProvider.ForAttributeWithMetadataName("OrgScope.OrgScopedAttribute", static (_, _) => true, static (c, _) => c.TargetSymbol.Name);
        var roots = context.SyntaxProvider.ForAttributeWithMetadataName("OrgScope.OrgRootAttribute", static (_, _) => true, static (c, _) => c.TargetSymbol.Name);
        var memberships = context.SyntaxProvider.ForAttributeWithMetadataName("OrgScope.OrgMembershipAttribute", static (_, _) => true, static (c, _) => c.TargetSymbol.Name);
        var all = scoped.Collect().Combine(roots.Collect()).Combine(memberships.Collect());
        context.RegisterSourceOutput(all, static (spc, names) => spc.AddSource("Count.g.cs", $"// {names.Left.Left.Length}"));
    }
}
