using OrgScope.Audit.Sarif;

namespace OrgScope.Audit;

/// <summary>What happened at one SQL site, as far as tenant isolation goes.</summary>
public enum SiteOutcome
{
    /// <summary>Checked: every org-scoped table pinned (possibly relying on shared ids or a trusted lookup: see <see cref="AuditSite.Trust"/>).</summary>
    Pinned,

    /// <summary>Checked: touches no org-scoped table.</summary>
    NoScopedTable,

    /// <summary>Checked: every finding on it is exempted (suppressed with or without a reason; see the findings).</summary>
    Exempted,

    /// <summary>Checked: a finding is open, or a table is unpinned and no finding was logged for it (a rule switched off).</summary>
    Open,

    /// <summary>Not (fully) checked: ORG005, the SQL could not be resolved or (partly) parsed.</summary>
    NotChecked,

    /// <summary>Not checked, but the ORG005 itself is exempted with a reviewed marker.</summary>
    NotCheckedExempted,
}

/// <summary>One SQL site (the SQL argument of a call or assignment) and everything the log says about it.</summary>
public sealed class AuditSite(SourceSpan location)
{
    public SourceSpan Location { get; } = location;

    /// <summary>The method or member the SQL is passed to ("Query", "CommandText").</summary>
    public string Sink { get; set; } = string.Empty;

    public SiteOutcome Outcome { get; set; }

    /// <summary>An ORG007 record was logged for the site: its SQL was resolved and checked (perhaps partly).</summary>
    public bool HasRecord { get; set; }

    public int Statements { get; set; }

    public int UncheckedStatements { get; set; }

    public int ScopedTables { get; set; }

    public int UnpinnedTables { get; set; }

    /// <summary>"shared-ids", "lookup-join", both comma-separated, or empty.</summary>
    public string Trust { get; set; } = string.Empty;

    /// <summary>"tasks t=pinned; users u=lookup-join".</summary>
    public string Tables { get; set; } = string.Empty;

    /// <summary>The ORG005 message when the site was not (fully) checked.</summary>
    public string? NotCheckedReason { get; set; }

    public AuditFinding? NotCheckedFinding { get; set; }

    public List<AuditFinding> Findings { get; } = [];
}

/// <summary>An ORG001-ORG004 finding (or an exempted ORG005), with its exemption if it has one.</summary>
public sealed record AuditFinding(
    string RuleId,
    string Message,
    SourceSpan? Location,
    bool Exempted,
    string? Reason,
    string? ExemptionSource,
    string? Marker,
    SourceSpan? MarkerLocation,
    string? SuppressionType)
{
    /// <summary>Suppressed, but no OrgScope exemption with a reason: a #pragma, a [SuppressMessage] without justification.</summary>
    public bool ExemptedWithoutReason => Exempted && string.IsNullOrWhiteSpace(Reason);
}

/// <summary>A result that is about the build rather than a site: ORG008 (configuration ignored), AD0001 (analyzer failure).</summary>
public sealed record AuditNote(string RuleId, string Message, SourceSpan? Location);

/// <summary>The audit of one or more SARIF logs.</summary>
public sealed class AuditReport
{
    public IReadOnlyList<string> Logs { get; init; } = [];

    public IReadOnlyList<AuditSite> Sites { get; init; } = [];

    /// <summary>Findings that lie in no audited site (a log without ORG007 records, or a finding outside any SQL argument).</summary>
    public IReadOnlyList<AuditFinding> UnattachedFindings { get; init; } = [];

    public IReadOnlyList<AuditNote> ConfigurationProblems { get; init; } = [];

    public IReadOnlyList<AuditNote> AnalyzerFailures { get; init; } = [];

    /// <summary>False when no log holds an ORG007 record: it was not an audit build, so fine sites are invisible.</summary>
    public bool HasAuditRecords { get; init; }

    public int Found => Sites.Count;

    public int Checked => Sites.Count(s => s.Outcome is not (SiteOutcome.NotChecked or SiteOutcome.NotCheckedExempted));

    public int Statements => Sites.Sum(s => s.Statements);

    public int OnScopedTables => Sites.Count(s => s.Outcome is SiteOutcome.Pinned or SiteOutcome.Exempted or SiteOutcome.Open);

    public int Count(SiteOutcome outcome) => Sites.Count(s => s.Outcome == outcome);

    public int PinnedRelyingOn(string trust) => Sites.Count(s => s.Outcome == SiteOutcome.Pinned && s.Trust.Split(',').Contains(trust));

    public IEnumerable<AuditFinding> ExemptedFindings => Sites.SelectMany(s => s.Findings).Concat(UnattachedFindings).Where(f => f.Exempted);

    /// <summary>Sites whose record says a table is unpinned although no open finding is logged: the rule was switched off.</summary>
    public IEnumerable<AuditSite> UnpinnedWithoutFinding => Sites.Where(s => s.Outcome == SiteOutcome.Open && s.Findings.All(f => f.Exempted));

    public IEnumerable<AuditFinding> OpenFindings => Sites.SelectMany(s => s.Findings).Concat(UnattachedFindings).Where(f => !f.Exempted);

    /// <summary>
    /// "Every statement on a scoped table was verified or consciously exempted": an audit build, every site checked,
    /// nothing open, every exemption with a reason, no analyzer failure and no configuration ignored.
    /// </summary>
    public bool Verified =>
        HasAuditRecords
        && Count(SiteOutcome.Open) == 0 && Count(SiteOutcome.NotChecked) == 0
        && !OpenFindings.Any()
        && !ExemptedFindings.Any(f => f.ExemptedWithoutReason)
        && AnalyzerFailures.Count == 0 && ConfigurationProblems.Count == 0;

    /// <summary>Why <see cref="Verified"/> is false, one phrase each.</summary>
    public IEnumerable<string> Gaps()
    {
        if (!HasAuditRecords)
        {
            yield return "no ORG007 audit records in the log (build with -p:OrgScopeAudit=true)";
        }

        var open = OpenFindings.Count();
        if (open > 0)
        {
            yield return $"{open} open finding(s)";
        }

        var silent = UnpinnedWithoutFinding.Count();
        if (silent > 0)
        {
            yield return $"{silent} site(s) with an unpinned table but no finding (a rule switched off?)";
        }

        if (Count(SiteOutcome.NotChecked) > 0)
        {
            yield return $"{Count(SiteOutcome.NotChecked)} site(s) not checked";
        }

        var reasonless = ExemptedFindings.Count(f => f.ExemptedWithoutReason);
        if (reasonless > 0)
        {
            yield return $"{reasonless} exemption(s) without a reason";
        }

        if (AnalyzerFailures.Count > 0)
        {
            yield return $"{AnalyzerFailures.Count} analyzer failure(s)";
        }

        if (ConfigurationProblems.Count > 0)
        {
            yield return $"{ConfigurationProblems.Count} configuration problem(s)";
        }
    }
}
