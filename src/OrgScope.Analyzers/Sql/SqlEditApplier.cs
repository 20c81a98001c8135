using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>Applies insertions to SQL text (used to verify a fix before it is offered).</summary>
    internal static class SqlEditApplier
    {
        public static string Apply(string sql, IEnumerable<SqlEdit> edits)
        {
            var builder = new StringBuilder(sql);
            foreach (var edit in edits.OrderByDescending(e => e.Offset))
            {
                builder.Insert(edit.Offset, edit.Text);
            }

            return builder.ToString();
        }
    }
}
