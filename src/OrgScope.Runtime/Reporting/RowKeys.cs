using System.Collections.Generic;
using System.Linq;
using OrgScope.Plan;

namespace OrgScope.Runtime.Reporting;

/// <summary>
/// How a row's primary key is written in <c>orgscope_unresolved.row_key</c> and <c>orgscope_audit.row_key</c>:
/// the key values as text, in key order, joined by commas ("42", "7,19"). Validate matches NULL rows to their
/// recorded reason through this expression, so it must stay the backfill's format.
/// </summary>
public static class RowKeys
{
    /// <summary>The SQL expression that yields a row's key text, for a table aliased <paramref name="alias"/>.</summary>
    public static string SqlExpression(string alias, IReadOnlyList<PlanKeyColumn> key) =>
        key.Count == 1
            ? $"CAST({alias}.`{key[0].Column}` AS CHAR)"
            : $"CONCAT_WS(',', {string.Join(", ", key.Select(k => $"CAST({alias}.`{k.Column}` AS CHAR)"))})";
}
