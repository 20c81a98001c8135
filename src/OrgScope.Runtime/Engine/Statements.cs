using System.Collections.Generic;
using OrgScope.Plan;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// A table's generated statements, looked up by the names in BackfillStatementNames (src/Shared, linked into the renderer in
/// OrgScope.Plan too; docs/backfill.md). The runtime never writes per-table SQL of its own: it runs these byte for byte.
/// </summary>
internal sealed class Statements(PlanTable table)
{
    public PlanTable Table { get; } = table;

    public string this[string name]
    {
        get
        {
            IReadOnlyDictionary<string, string>? backfill = Table.Backfill;
            if (backfill is null || !backfill.TryGetValue(name, out var sql))
            {
                throw new OperatorException(
                    FailureKind.Configuration,
                    $"The plan has no '{name}' backfill statement for table '{Table.Table}': rebuild the app with the same OrgScope version as this tool.");
            }

            return sql;
        }
    }
}
