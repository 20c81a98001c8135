using System.Collections.Generic;
using System.Globalization;
using OrgScope.Plan;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// A table's generated statements, looked up by the names in BackfillStatementNames (src/Shared, linked into the renderer in
/// OrgScope.Plan too; docs/backfill.md). The runtime never writes per-table SQL of its own: it runs these byte for byte
/// (the plan's, or the same renderer's naming the collations of character key columns: <see cref="StatementSource"/>).
/// </summary>
internal sealed class Statements(PlanTable table, IReadOnlyDictionary<string, string>? rendered = null)
{
    public PlanTable Table { get; } = table;

    public string this[string name]
    {
        get
        {
            var backfill = rendered ?? Table.Backfill;
            if (backfill is null || !backfill.TryGetValue(name, out var sql))
            {
                throw new OperatorException(
                    FailureKind.Configuration,
                    $"The plan has no '{name}' backfill statement for table '{Table.Table}': rebuild the app with the same OrgScope version as this tool.");
            }

            return sql;
        }
    }

    /// <summary>Binds a key's values as @{bound}_k1, @{bound}_k2, ...: the statements' after/from/to key parameters.</summary>
    public static void Bind(Dictionary<string, object?> parameters, string bound, IReadOnlyList<object?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            parameters["@" + bound + "_k" + (i + 1).ToString(CultureInfo.InvariantCulture)] = values[i];
        }
    }
}
