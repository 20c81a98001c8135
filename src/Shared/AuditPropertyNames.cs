namespace OrgScope.Shared
{
    /// <summary>
    /// The properties of the ORG007 audit record, which SARIF keeps under <c>properties.customProperties</c>: written by
    /// the analyzer (AuditRecord), read by <c>orgscope audit</c> (linked into both, so the two cannot drift apart).
    /// </summary>
    internal static class AuditPropertyNames
    {
        public const string Statements = "OrgScope.Statements";
        public const string Unchecked = "OrgScope.Unchecked";
        public const string ScopedTables = "OrgScope.ScopedTables";
        public const string Unpinned = "OrgScope.Unpinned";
        public const string Trust = "OrgScope.Trust";
        public const string Tables = "OrgScope.Tables";

        /// <summary>Trust names in <see cref="Trust"/>: the filter also admits the shared organization ids.</summary>
        public const string SharedIdsTrust = "shared-ids";

        /// <summary>Trust names in <see cref="Trust"/>: a lookup on the primary key from a pinned row.</summary>
        public const string LookupJoinTrust = "lookup-join";
    }
}
