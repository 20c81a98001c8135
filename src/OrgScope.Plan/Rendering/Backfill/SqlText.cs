using System.Collections.Generic;
using System.Text;

namespace OrgScope.Plan.Rendering.Backfill
{
    /// <summary>Quoting and small builders shared by the backfill statements (portable MySQL 8.0 / MariaDB 10.6 syntax).</summary>
    internal static class SqlText
    {
        /// <summary>The reasons a row stays NULL (docs/plan-format.md); the runtime and 002-validate read these strings.</summary>
        public const string NoSourceValue = "no_source_value";
        public const string OrphanReference = "orphan_reference";
        public const string NoPrimaryMembership = "no_primary_membership";
        public const string SeveralPrimaryMemberships = "several_primary_memberships";
        public const string SourcesDisagree = "sources_disagree";
        public const string ReferencedRowUnresolved = "referenced_row_unresolved";

        public const string RunsTable = "orgscope_runs";
        public const string AuditTable = "orgscope_audit";
        public const string UnresolvedTable = "orgscope_unresolved";

        public static string Id(string identifier) => "`" + identifier.Replace("`", "``") + "`";

        public static string Col(string alias, string column) => alias + "." + Id(column);

        // Identifiers are validated by the model (no quotes or backslashes reach here), so doubling quotes is enough
        // and the literal means the same with or without NO_BACKSLASH_ESCAPES.
        public static string Str(string value) => "'" + value.Replace("'", "''") + "'";

        public static string Join(string separator, IEnumerable<string> parts)
        {
            var builder = new StringBuilder();
            foreach (var part in parts)
            {
                if (builder.Length > 0)
                {
                    builder.Append(separator);
                }

                builder.Append(part);
            }

            return builder.ToString();
        }
    }
}
