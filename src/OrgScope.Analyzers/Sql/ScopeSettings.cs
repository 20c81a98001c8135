using System.Collections.Generic;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>
    /// What the scope checker needs besides the SQL: which tables are scoped, which organization values are shared by
    /// all, and whether a lookup join on a scoped table's primary key from a pinned row counts as a pin.
    /// One instance per distinct configuration: the analyzer caches results per instance.
    /// </summary>
    internal sealed class ScopeSettings
    {
        public ScopeSettings(ScopedTableSet tables, SharedOrganizationIds sharedIds, bool trustLookupJoins, IReadOnlyList<string>? tablePrefixes = null)
        {
            Tables = tables;
            SharedIds = sharedIds;
            TrustLookupJoins = trustLookupJoins;
            TablePrefixes = tablePrefixes ?? System.Array.Empty<string>();
        }

        /// <summary>
        /// <c>orgscope.table_prefixes</c>: what a value glued to the front of a table name stands for
        /// (<c>$"FROM {prefix}Posts"</c> with the prefix from configuration); the first one is taken.
        /// </summary>
        public IReadOnlyList<string> TablePrefixes { get; }

        public ScopedTableSet Tables { get; }

        public SharedOrganizationIds SharedIds { get; }

        /// <summary><c>orgscope.trust_lookup_joins</c>: off by default (docs/rules/ORG001.md says why).</summary>
        public bool TrustLookupJoins { get; }

        /// <summary>Today's rules for these tables: no shared ids, no trusted lookups.</summary>
        public static ScopeSettings Strict(ScopedTableSet tables) => new ScopeSettings(tables, SharedOrganizationIds.None, false);
    }
}
