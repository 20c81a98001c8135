using System;
using System.ComponentModel;

namespace OrgScope
{
    /// <summary>
    /// Emitted by the OrgScope generator: the org-scoped tables of this assembly and their organization column,
    /// as "table:column" pairs (and their primary keys), so the analyzer in a consuming project finds them without
    /// reading the entities.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, Inherited = false, AllowMultiple = false)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class OrgScopedTablesAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="tables">"table:column" pairs.</param>
        public OrgScopedTablesAttribute(params string[] tables) => Tables = tables;

        /// <summary>"table:column" pairs.</summary>
        public string[] Tables { get; }

        /// <summary>
        /// "table(key, ...)": each table's primary key columns, for the analyzer's trusted lookup joins
        /// (<c>orgscope.trust_lookup_joins</c>). A named argument, so analyzers that predate it read the pairs as before.
        /// </summary>
        public string[]? Keys { get; set; }
    }
}
