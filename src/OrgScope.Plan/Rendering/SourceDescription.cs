using OrgScope.Model;

namespace OrgScope.Plan.Rendering
{
    /// <summary>A source in words, as the plan document and plan.md show it ("users.current_organization_id").</summary>
    internal static class SourceDescription
    {
        public static string Describe(ScopedTableModel table, SourceModel source) => source.Kind switch
        {
            SourceKind.OrgReference => $"{table.Table}.{source.LocalColumn}",
            SourceKind.ScopedReference => $"organization of the {source.TargetTable} row referenced by {table.Table}.{source.LocalColumn}",
            SourceKind.Membership => $"primary membership in {source.TargetTable}",
            _ => source.Name,
        };
    }
}
