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

        /// <summary>
        /// On a finding (ORG001–ORG004) that lies outside its SQL site (the literal of a local or constant declared above
        /// the sink): the site's span in the same file, as SARIF counts it: "startLine,startColumn,endLine,endColumn"
        /// (1-based, end column exclusive). Without it an audit cannot tell which site the finding belongs to.
        /// </summary>
        public const string Site = "OrgScope.Site";

        /// <summary>Trust names in <see cref="Trust"/>: the filter also admits the shared organization ids.</summary>
        public const string SharedIdsTrust = "shared-ids";

        /// <summary>Trust names in <see cref="Trust"/>: a lookup on the primary key from a pinned row.</summary>
        public const string LookupJoinTrust = "lookup-join";
    }
}
