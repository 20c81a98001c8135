using OrgScope.Generators.Model;

namespace OrgScope.Generators.Emit.Backfill
{
    /// <summary>
    /// Emits the named statements the runtime runs per batch for one table (select next keys, resolve + audit +
    /// update, unresolved capture, checkpoint). Pure function of the model.
    /// </summary>
    internal static class BackfillSqlEmitter
    {
        public static EquatableArray<NamedSql> Emit(MigrationModel model, ScopedTableModel table)
        {
            // Placeholder until the backfill emitter lands (issue 3).
            _ = model;
            _ = table;
            return EquatableArray<NamedSql>.Empty;
        }
    }
}
