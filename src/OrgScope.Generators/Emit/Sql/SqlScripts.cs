using OrgScope.Generators.Model;

namespace OrgScope.Generators.Emit.Sql
{
    /// <summary>
    /// Entry point of the SQL script emitters: 001 (columns, index), 002 (validate), 003 (constraints),
    /// rollback-constraints, rollback-columns and plan.md, in that order. Pure function of the model.
    /// </summary>
    internal static class SqlScripts
    {
        public static EquatableArray<GeneratedFile> Emit(MigrationModel model)
        {
            // Placeholder until the script emitters land (issue 2): deterministic, empty set.
            _ = model;
            return EquatableArray<GeneratedFile>.Empty;
        }
    }
}
