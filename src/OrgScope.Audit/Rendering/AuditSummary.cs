namespace OrgScope.Audit.Rendering;

/// <summary>The counts every format shows, computed once from the report.</summary>
public sealed record AuditSummary(
    int Logs,
    int Found,
    int Statements,
    int Checked,
    int OnScopedTables,
    int Pinned,
    int PinnedSharedIds,
    int PinnedLookupJoin,
    int Exempted,
    int Open,
    int NoScopedTable,
    int NotChecked,
    int NotCheckedExempted,
    int SchemaProbesOpen,
    int SchemaProbesExempted,
    bool Verified,
    IReadOnlyList<string> Gaps)
{
    public static AuditSummary Of(AuditReport report)
    {
        var probes = report.Sites.SelectMany(s => s.Findings).Concat(report.UnattachedFindings).Where(f => f.RuleId == "ORG004").ToList();
        return new AuditSummary(
            report.Logs.Count,
            report.Found,
            report.Statements,
            report.Checked,
            report.OnScopedTables,
            report.Count(SiteOutcome.Pinned),
            report.PinnedRelyingOn(Shared.AuditPropertyNames.SharedIdsTrust),
            report.PinnedRelyingOn(Shared.AuditPropertyNames.LookupJoinTrust),
            report.Count(SiteOutcome.Exempted),
            report.Count(SiteOutcome.Open),
            report.Count(SiteOutcome.NoScopedTable),
            report.Count(SiteOutcome.NotChecked),
            report.Count(SiteOutcome.NotCheckedExempted),
            probes.Count(f => !f.Exempted),
            probes.Count(f => f.Exempted),
            report.Verified,
            report.Gaps().ToList());
    }
}
