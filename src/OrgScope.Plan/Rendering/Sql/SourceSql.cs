using OrgScope.Model;
using static OrgScope.Plan.Rendering.Sql.SqlText;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>
    /// How a source yields an organization, as SQL over the scoped table aliased <c>t</c> and the source row aliased <c>s</c>;
    /// and the same in words for plan.md and 002's result sets.
    /// </summary>
    internal static class SourceSql
    {
        /// <summary>The JOIN that reaches the source row (empty when the value sits on the row itself, or for a membership).</summary>
        public static string Join(SourceModel source) => source.Kind switch
        {
            SourceKind.ScopedReference => $" JOIN {Id(source.TargetTable)} s ON s.{Id(source.TargetKeyColumn)} = t.{Id(source.LocalColumn)}",
            _ => "",
        };

        /// <summary>
        /// The organization the source yields, as the backfill reads it. A membership yields one only when the member has
        /// exactly one primary membership (a correlated subquery, so that several never multiply the row: each row
        /// counts once, whatever its memberships).
        /// </summary>
        public static string Organization(SourceModel source) => source.Kind switch
        {
            SourceKind.OrgReference => "t." + Id(source.LocalColumn),
            SourceKind.Membership =>
                $"(SELECT CASE WHEN COUNT(*) = 1 THEN MIN(s.{Id(source.TargetOrgColumn)}) END FROM {Id(source.TargetTable)} s"
                + $" WHERE s.{Id(source.TargetKeyColumn)} = t.{Id(source.LocalColumn)}"
                + (source.PrimaryColumn is null ? "" : $" AND s.{Id(source.PrimaryColumn)} <> 0") + ")",
            _ => "s." + Id(source.TargetOrgColumn),
        };

        /// <summary>The source in words, exactly as the plan document describes it (one wording everywhere).</summary>
        public static string Describe(ScopedTableModel table, SourceModel source) => SourceDescription.Describe(table, source);

        /// <summary>The row's key as one text value (composite keys joined with commas), for result sets.</summary>
        public static string RowKey(ScopedTableModel table)
        {
            var parts = new string[table.Key.Count];
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = "t." + Id(table.Key[i].Column);
            }

            return "CONCAT_WS(',', " + string.Join(", ", parts) + ")";
        }

        /// <summary>ORDER BY list of the key, for deterministic samples.</summary>
        public static string KeyOrder(ScopedTableModel table)
        {
            var parts = new string[table.Key.Count];
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = "t." + Id(table.Key[i].Column);
            }

            return string.Join(", ", parts);
        }
    }
}
