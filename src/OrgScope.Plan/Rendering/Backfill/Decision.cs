using System.Collections.Generic;
using System.Linq;
using OrgScope.Model;

namespace OrgScope.Plan.Rendering.Backfill
{
    /// <summary>
    /// Combines the per-source expressions into the row's outcome: the first source that yields wins; another source
    /// yielding a different organization is a conflict (Report: assign nothing; FirstSourceWins: assign the first and
    /// say so in the audit's source); when nothing is assigned, the reason is the first source's problem, else
    /// no_source_value. Never a default organization.
    /// </summary>
    internal static class Decision
    {
        public static string First(IReadOnlyList<SourceExpr> sources) =>
            sources.Count == 1 ? sources[0].Org : "COALESCE(" + SqlText.Join(", ", sources.Select(s => s.Org)) + ")";

        /// <summary>A boolean expression, or null when a single source cannot disagree with itself.</summary>
        public static string? Conflict(IReadOnlyList<SourceExpr> sources)
        {
            if (sources.Count < 2)
            {
                return null;
            }

            var first = First(sources);
            return "(" + SqlText.Join(" OR ", sources.Skip(1).Select(s => "(" + s.Org + " IS NOT NULL AND " + s.Org + " <> " + first + ")")) + ")";
        }

        /// <summary>The organization to write, or NULL when the row stays unresolved.</summary>
        public static string Org(IReadOnlyList<SourceExpr> sources, ConflictPolicy policy)
        {
            var conflict = Conflict(sources);
            return conflict is null || policy == ConflictPolicy.FirstSourceWins
                ? First(sources)
                : "CASE WHEN " + conflict + " THEN NULL ELSE " + First(sources) + " END";
        }

        /// <summary>The audit's source: the winning source's name, noting a disagreement under FirstSourceWins.</summary>
        public static string Label(IReadOnlyList<SourceExpr> sources, ConflictPolicy policy)
        {
            var name = "CASE" + string.Concat(sources.Select(s => " WHEN " + s.Org + " IS NOT NULL THEN " + SqlText.Str(s.Name))) + " END";
            var conflict = Conflict(sources);
            return conflict is null || policy != ConflictPolicy.FirstSourceWins
                ? name
                : "CONCAT(" + name + ", CASE WHEN " + conflict + " THEN " + SqlText.Str(" (sources disagree: first source wins)") + " ELSE '' END)";
        }

        /// <summary>Why the row stays NULL (only meaningful where <see cref="Org"/> is NULL).</summary>
        public static string Reason(IReadOnlyList<SourceExpr> sources)
        {
            var conflict = Conflict(sources);
            var whens = conflict is null ? "" : " WHEN " + conflict + " THEN " + SqlText.Str(SqlText.SourcesDisagree);
            whens += string.Concat(sources.Select(s => " WHEN " + s.Why + " IS NOT NULL THEN " + s.Why));
            return "CASE" + whens + " ELSE " + SqlText.Str(SqlText.NoSourceValue) + " END";
        }

        /// <summary>Every organization the sources suggest, comma-separated, for the review report (NULL when none).</summary>
        public static string Candidates(IReadOnlyList<SourceExpr> sources) =>
            sources.Count == 1 ? sources[0].Candidates : "CONCAT_WS(',', " + SqlText.Join(", ", sources.Select(s => s.Candidates)) + ")";
    }
}
