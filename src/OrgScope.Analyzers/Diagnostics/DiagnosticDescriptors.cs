using Microsoft.CodeAnalysis;

namespace OrgScope.Analyzers.Diagnostics
{
    /// <summary>Every diagnostic of the OrgScope analyzer. IDs are stable; each has a help page under docs/rules.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string HelpBase = "https://github.com/orgscope/orgscope/blob/main/docs/rules/";

        public static readonly DiagnosticDescriptor MissingOrganizationFilter = new DiagnosticDescriptor(
            id: "ORG001",
            title: "Query on an org-scoped table lacks an organization filter",
            messageFormat: "'{0}' is read or changed without an organization filter: pin '{1}.{2}' in the WHERE or the JOIN's ON",
            category: "OrgScope.Security",
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Every reference to an org-scoped table (FROM, JOIN, subquery, derived table, CTE, UNION branch, UPDATE, DELETE) must be pinned by a top-level AND conjunct '<alias>.organization_id = <parameter>' or 'IN (...)', or by an equality with a pinned column; otherwise one organization can read or change another's rows.",
            helpLinkUri: HelpBase + "ORG001.md");

        public static readonly DiagnosticDescriptor InsertWithoutOrganization = new DiagnosticDescriptor(
            id: "ORG002",
            title: "INSERT into an org-scoped table omits the organization column",
            messageFormat: "INSERT into '{0}' does not set '{1}'{2}",
            category: "OrgScope.Security",
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "An INSERT, REPLACE or INSERT ... SELECT into an org-scoped table must name the organization column in its column list; a row without it belongs to no organization (or fails once the column is NOT NULL).",
            helpLinkUri: HelpBase + "ORG002.md");

        public static readonly DiagnosticDescriptor BypassableFilter = new DiagnosticDescriptor(
            id: "ORG003",
            title: "The organization filter can be bypassed",
            messageFormat: "The filter on '{0}.{1}' can be bypassed: {2}",
            category: "OrgScope.Security",
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "The only organization filter of a table sits under an OR (so another branch lets every row through) or compares with a literal (so the query is pinned to one fixed organization, whoever calls it).",
            helpLinkUri: HelpBase + "ORG003.md");

        public static readonly DiagnosticDescriptor SchemaProbe = new DiagnosticDescriptor(
            id: "ORG004",
            title: "Run-time schema probe",
            messageFormat: "'{0}' probes the schema at run time: once the migration has run, remove the fallback and keep the organization-scoped path",
            category: "OrgScope.Migration",
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Application code that asks INFORMATION_SCHEMA, SHOW COLUMNS/INDEX/TABLES/CREATE TABLE or DESCRIBE whether organization_id exists yet is a fallback the migration makes obsolete. Code that must probe (migrations, health checks) says why with // orgscope: schema-probe <reason> or [AllowCrossOrg(\"reason\")].",
            helpLinkUri: HelpBase + "ORG004.md");

        public static readonly DiagnosticDescriptor UnresolvedSql = new DiagnosticDescriptor(
            id: "ORG005",
            title: "SQL not checked",
            messageFormat: "The SQL passed to '{0}' {1}, so it was not checked for an organization filter",
            category: "OrgScope.Coverage",
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "The analyzer follows literals, constants, concatenation, interpolation, branches, locals, StringBuilder appends and the project's own helpers (their return values, and their parameters to the sinks they reach). SQL it cannot follow or parse is reported here, at Info, so that no statement goes unchecked silently; it never fails a build. Set dotnet_diagnostic.ORG005.severity = none to hide it.",
            helpLinkUri: HelpBase + "ORG005.md");

        public static readonly DiagnosticDescriptor ExemptionWithoutReason = new DiagnosticDescriptor(
            id: "ORG006",
            title: "A reviewed exception gives no reason",
            messageFormat: "'{0}' {1}",
            category: "OrgScope.Security",
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A marker (// orgscope: cross-org <reason>, -- orgscope: cross-org <reason> inside SQL, a team marker from orgscope.cross_org_markers, // orgscope: schema-probe <reason>) or [AllowCrossOrg(\"reason\")] exempts a statement only with a reason, which is what a reviewer and the audit log read. A marker without one, or an 'orgscope:' comment that is no known marker, exempts nothing.",
            helpLinkUri: HelpBase + "ORG006.md");

        public static readonly DiagnosticDescriptor SqlChecked = new DiagnosticDescriptor(
            id: "ORG007",
            title: "SQL checked (audit record)",
            messageFormat: "The SQL passed to '{0}' was checked: {1}",
            category: "OrgScope.Audit",
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: false,
            description: "One record per SQL site whose text was resolved and checked, with the org-scoped tables it touches and how each is pinned (a parameter, the shared organization ids, a trusted lookup join). Off by default; an audit build (-p:OrgScopeAudit=true) switches it on and writes a SARIF log that `orgscope audit` summarises.",
            helpLinkUri: HelpBase + "ORG007.md");

        public static readonly DiagnosticDescriptor InvalidConfiguration = new DiagnosticDescriptor(
            id: "ORG008",
            title: "OrgScope configuration cannot be read",
            messageFormat: "OrgScope configuration ignored: {0}",
            category: "OrgScope.Configuration",
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A line of an orgscope.tables file or a value of an orgscope.* .editorconfig key that OrgScope cannot read. It is ignored, never guessed: a table missing from the list is a table nobody checks.",
            helpLinkUri: HelpBase + "ORG008.md",
            customTags: WellKnownDiagnosticTags.CompilationEnd);
    }
}
