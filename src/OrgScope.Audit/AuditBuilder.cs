using OrgScope.Audit.Sarif;
using OrgScope.Shared;

namespace OrgScope.Audit;

/// <summary>
/// Turns the OrgScope results of audit-build SARIF logs into sites: an ORG007 record or an ORG005 marks a site (the SQL
/// argument); each finding belongs to the site it names (when its literal lies above the sink) or else to the innermost
/// site whose span holds it. Exemptions are suppressed results; the
/// reason comes from the exemption properties the OrgScope suppressor writes.
/// </summary>
public static class AuditBuilder
{
    public const string ExemptionReason = "OrgScope.ExemptionReason";
    public const string ExemptionSource = "OrgScope.ExemptionSource";
    public const string ExemptionMarker = "OrgScope.ExemptionMarker";

    public static AuditReport FromLogs(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw new AuditInputException("no SARIF log given: pass --sarif <file> (an audit build writes obj/<configuration>/<framework>/orgscope-audit.sarif).");
        }

        var results = paths.SelectMany(SarifReader.Read).ToList();
        return Build(results, paths);
    }

    public static AuditReport Build(IReadOnlyList<SarifResult> results, IReadOnlyList<string> logs)
    {
        // The same site twice (two logs of one project, a multi-targeted build) is one site.
        var sites = new Dictionary<SourceSpan, AuditSite>();
        foreach (var result in results.Where(r => r.Location != null && (r.RuleId == "ORG007" || r.RuleId == "ORG005")))
        {
            if (!sites.TryGetValue(result.Location!, out var site))
            {
                site = new AuditSite(result.Location!);
                sites.Add(result.Location!, site);
            }

            if (result.RuleId == "ORG007")
            {
                site.Sink = SinkOf(result.Message) ?? site.Sink;
                site.Statements = Math.Max(site.Statements, result.IntProperty(AuditPropertyNames.Statements));
                site.UncheckedStatements = Math.Max(site.UncheckedStatements, result.IntProperty(AuditPropertyNames.Unchecked));
                site.ScopedTables = Math.Max(site.ScopedTables, result.IntProperty(AuditPropertyNames.ScopedTables));
                site.UnpinnedTables = Math.Max(site.UnpinnedTables, result.IntProperty(AuditPropertyNames.Unpinned));
                site.Trust = result.Property(AuditPropertyNames.Trust) ?? site.Trust;
                site.Tables = result.Property(AuditPropertyNames.Tables) ?? site.Tables;
                site.HasRecord = true;
            }
            else
            {
                site.Sink = site.Sink.Length > 0 ? site.Sink : SinkOf(result.Message) ?? string.Empty;
                site.NotCheckedReason = result.Message;
                site.NotCheckedFinding = Finding(result);
            }
        }

        var ordered = sites.Values.OrderBy(s => s.Location.File, StringComparer.Ordinal).ThenBy(s => s.Location.StartLine).ThenBy(s => s.Location.StartColumn).ToList();
        var unattached = new List<AuditFinding>();
        var seen = new HashSet<(string, SourceSpan?, string)>();
        foreach (var result in results.Where(r => r.RuleId is "ORG001" or "ORG002" or "ORG003" or "ORG004" or "ORG006"))
        {
            if (!seen.Add((result.RuleId, result.Location, result.Message)))
            {
                continue;
            }

            var finding = Finding(result);
            var site = result.Location is null ? null : LinkedSite(result, sites) ?? ordered
                .Where(s => s.Location.Contains(result.Location))
                .OrderBy(s => s.Location.Size)
                .FirstOrDefault();
            if (site is null)
            {
                unattached.Add(finding);
            }
            else
            {
                site.Findings.Add(finding);
            }
        }

        foreach (var site in ordered)
        {
            site.Outcome = Classify(site);
        }

        return new AuditReport
        {
            Logs = logs,
            Sites = ordered,
            UnattachedFindings = unattached,
            ConfigurationProblems = Notes(results, "ORG008"),
            AnalyzerFailures = Notes(results, "AD0001"),
            HasAuditRecords = results.Any(r => r.RuleId == "ORG007"),
        };
    }

    /// <summary>
    /// The site a finding names (<see cref="AuditPropertyNames.Site"/>: its SQL is a literal declared above the sink, so
    /// the site's span does not hold it); null when it names none or a site this log does not have.
    /// </summary>
    private static AuditSite? LinkedSite(SarifResult result, Dictionary<SourceSpan, AuditSite> sites)
    {
        var parts = result.Property(AuditPropertyNames.Site)?.Split(',');
        if (parts is not { Length: 4 } || !parts.All(p => int.TryParse(p, out _)))
        {
            return null;
        }

        var n = parts.Select(int.Parse).ToArray();
        return sites.GetValueOrDefault(new SourceSpan(result.Location!.File, n[0], n[1], n[2], n[3]));
    }

    private static SiteOutcome Classify(AuditSite site)
    {
        var isolation = site.Findings.Where(f => f.RuleId is "ORG001" or "ORG002" or "ORG003").ToList();
        if (site.NotCheckedFinding != null)
        {
            // Partly checked counts as not checked: a statement (or a table) of the site was never verified.
            return site.NotCheckedFinding.Exempted ? SiteOutcome.NotCheckedExempted : SiteOutcome.NotChecked;
        }

        if (!site.HasRecord)
        {
            return SiteOutcome.NotChecked;
        }

        if (isolation.Any(f => !f.Exempted))
        {
            return SiteOutcome.Open;
        }

        if (site.UnpinnedTables > 0)
        {
            // Unpinned with every finding exempted is exempted; unpinned with no finding at all means the rule was off.
            return isolation.Count > 0 ? SiteOutcome.Exempted : SiteOutcome.Open;
        }

        return site.ScopedTables > 0 ? SiteOutcome.Pinned : SiteOutcome.NoScopedTable;
    }

    private static AuditFinding Finding(SarifResult result)
    {
        var reason = result.Property(ExemptionReason);
        return new AuditFinding(
            result.RuleId,
            result.Message,
            result.Location,
            result.Suppressed,
            result.Suppressed ? reason : null,
            result.Suppressed ? result.Property(ExemptionSource) : null,
            result.Suppressed ? result.Property(ExemptionMarker) : null,
            result.Suppressed && reason != null ? result.RelatedLocation : null,
            result.SuppressionType);
    }

    private static List<AuditNote> Notes(IEnumerable<SarifResult> results, string ruleId) =>
        results.Where(r => r.RuleId == ruleId)
            .Select(r => new AuditNote(r.RuleId, r.Message, r.Location))
            .Distinct()
            .ToList();

    /// <summary>"The SQL passed to 'Query' was checked: ..." → "Query".</summary>
    private static string? SinkOf(string message)
    {
        var open = message.IndexOf('\'');
        var close = open >= 0 ? message.IndexOf('\'', open + 1) : -1;
        return close > open + 1 ? message.Substring(open + 1, close - open - 1) : null;
    }
}
