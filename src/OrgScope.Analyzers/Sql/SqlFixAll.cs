using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>
    /// One fix for every fixable finding of a rule in one SQL text, for Fix All and <c>dotnet format</c>: each
    /// finding's own fix is verified alone, and two of them often insert at the same place (two tables pinned in one
    /// new WHERE), so they cannot simply be merged. Instead the fixes are applied one at a time, re-analysing after
    /// each (every step is itself verified: exactly its finding disappears), and the result is expressed as
    /// insertions into the original text.
    /// </summary>
    internal static class SqlFixAll
    {
        /// <summary>Per rule with two or more fixable findings: the insertions that fix them all together.</summary>
        public static Dictionary<SqlRule, IReadOnlyList<SqlEdit>>? Combine(string sql, SqlAnalysisResult result, ScopeSettings settings)
        {
            Dictionary<SqlRule, IReadOnlyList<SqlEdit>>? combined = null;
            foreach (var group in result.Findings.GroupBy(f => f.Rule))
            {
                if (group.Count(f => f.Edits.Count > 0) < 2)
                {
                    continue;
                }

                // A step may make another finding fixable (or not): go on while one is, at most once per finding.
                var edits = CombineRule(sql, settings, group.Key, maxSteps: group.Count());
                if (edits != null)
                {
                    combined ??= new Dictionary<SqlRule, IReadOnlyList<SqlEdit>>();
                    combined[group.Key] = edits;
                }
            }

            return combined;
        }

        private static IReadOnlyList<SqlEdit>? CombineRule(string sql, ScopeSettings settings, SqlRule rule, int maxSteps)
        {
            var current = sql;
            var origin = Enumerable.Range(0, sql.Length).ToList(); // for each character of current: its offset in sql, or -1 if inserted
            var applied = 0;
            while (applied < maxSteps)
            {
                var next = SqlAnalysis.Analyze(current, settings, detectProbes: false, computeFixes: true).Findings
                    .FirstOrDefault(f => f.Rule == rule && f.Edits.Count > 0);
                if (next is null)
                {
                    break;
                }

                foreach (var edit in next.Edits.OrderByDescending(e => e.Offset))
                {
                    origin.InsertRange(edit.Offset, Enumerable.Repeat(-1, edit.Text.Length));
                }

                current = SqlEditApplier.Apply(current, next.Edits);
                applied++;
            }

            return applied >= 2 ? Insertions(sql, current, origin) : null;
        }

        /// <summary>Runs of inserted characters, each placed before the original character that follows it.</summary>
        private static List<SqlEdit> Insertions(string sql, string current, List<int> origin)
        {
            var edits = new List<SqlEdit>();
            var run = new StringBuilder();
            for (var i = 0; i <= current.Length; i++)
            {
                if (i < current.Length && origin[i] < 0)
                {
                    run.Append(current[i]);
                    continue;
                }

                if (run.Length > 0)
                {
                    edits.Add(new SqlEdit(i < current.Length ? origin[i] : sql.Length, run.ToString()));
                    run.Clear();
                }
            }

            return edits;
        }
    }
}
