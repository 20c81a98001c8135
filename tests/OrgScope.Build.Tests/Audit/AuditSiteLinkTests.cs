using OrgScope.Audit;
using OrgScope.Audit.Sarif;

namespace OrgScope.Build.Tests.Audit;

/// <summary>
/// A finding whose literal lies above its sink (`var sql = "..."; new MySqlCommand(sql, conn)`, AgendaSaaS's every
/// statement) names its site in OrgScope.Site: the audit attaches it there, so an exempted finding makes the site
/// exempted and an open one makes it open with its finding, instead of "unpinned without a finding" plus a finding
/// outside every site. (The analyzer side: Analyzers.Tests, Verifiers/SiteLinkTests.)
/// </summary>
public sealed class AuditSiteLinkTests
{
    private const string File = "/src/Repo.cs";

    [Fact]
    public void An_exempted_finding_above_its_sink_makes_the_site_exempted()
    {
        var report = AuditBuilder.Build(
            [Record(line: 10), Finding(line: 8, site: "10,42,10,45", reason: "expiry job over every tenant")],
            ["audit.sarif"]);

        var site = Assert.Single(report.Sites);
        Assert.Equal(SiteOutcome.Exempted, site.Outcome);
        Assert.Equal("expiry job over every tenant", Assert.Single(site.Findings).Reason);
        Assert.Empty(report.UnattachedFindings);
        Assert.Empty(report.UnpinnedWithoutFinding);
        Assert.True(report.Verified);
    }

    [Fact]
    public void An_open_finding_above_its_sink_is_the_sites_finding()
    {
        var report = AuditBuilder.Build([Record(line: 10), Finding(line: 8, site: "10,42,10,45")], ["audit.sarif"]);

        var site = Assert.Single(report.Sites);
        Assert.Equal(SiteOutcome.Open, site.Outcome);
        Assert.Single(site.Findings);
        Assert.Empty(report.UnattachedFindings);
        Assert.Empty(report.UnpinnedWithoutFinding);
    }

    [Fact]
    public void Without_the_link_a_finding_outside_every_site_stays_unattached()
    {
        // What older analyzers wrote: the site looks like an unpinned table with its rule switched off.
        var report = AuditBuilder.Build([Record(line: 10), Finding(line: 8, site: null, reason: "expiry job over every tenant")], ["audit.sarif"]);

        Assert.Equal(SiteOutcome.Open, Assert.Single(report.Sites).Outcome);
        Assert.Single(report.UnattachedFindings);
        Assert.Single(report.UnpinnedWithoutFinding);
        Assert.False(report.Verified);
    }

    private static SarifResult Record(int line) => new(
        "ORG007",
        "The SQL passed to 'MySqlCommand' was checked: 1 statement; DiasBloqueados not pinned",
        new SourceSpan(File, line, 42, line, 45),
        false,
        null,
        new Dictionary<string, string>
        {
            ["OrgScope.Statements"] = "1",
            ["OrgScope.Unchecked"] = "0",
            ["OrgScope.ScopedTables"] = "1",
            ["OrgScope.Unpinned"] = "1",
            ["OrgScope.Tables"] = "DiasBloqueados=unpinned",
        },
        null);

    private static SarifResult Finding(int line, string? site, string? reason = null)
    {
        var properties = new Dictionary<string, string>();
        if (site != null)
        {
            properties["OrgScope.Site"] = site;
        }

        if (reason != null)
        {
            properties[AuditBuilder.ExemptionReason] = reason;
            properties[AuditBuilder.ExemptionSource] = "comment";
        }

        return new SarifResult(
            "ORG001",
            "'DiasBloqueados' is read or changed without an organization filter: pin 'DiasBloqueados.TenantId' in the WHERE or the JOIN's ON",
            new SourceSpan(File, line, 25, line, 39),
            reason != null,
            reason != null ? "DiagnosticSuppressor" : null,
            properties,
            null);
    }
}
