using System.Text;

namespace OrgScope.Audit.Rendering;

/// <summary>The terminal format: the counts as an indented tree, the verdict, then every exemption, open finding and unchecked site.</summary>
public static class TextAuditRenderer
{
    public static string Render(AuditReport report, PathDisplay paths)
    {
        var s = AuditSummary.Of(report);
        var text = new StringBuilder();
        text.AppendLine($"OrgScope audit of {Plural(s.Logs, "SARIF log")}");
        foreach (var log in report.Logs)
        {
            text.AppendLine("  " + paths.File(log));
        }

        text.AppendLine();
        Row(text, "SQL sites found", s.Found, $"{Plural(s.Statements, "statement")} checked");
        Row(text, "  checked", s.Checked);
        Row(text, "    on org-scoped tables", s.OnScopedTables);
        Row(text, "      pinned", s.Pinned, Trust(s));
        Row(text, "      exempted", s.Exempted);
        Row(text, "      open", s.Open);
        Row(text, "    no org-scoped table", s.NoScopedTable);
        Row(text, "  not checked (ORG005)", s.NotChecked + s.NotCheckedExempted, s.NotCheckedExempted > 0 ? $"{s.NotCheckedExempted} of them exempted" : null);
        text.AppendLine($"{"Schema probes (ORG004)",-34}{s.SchemaProbesOpen} open, {s.SchemaProbesExempted} exempted");
        text.AppendLine();
        text.AppendLine(s.Verified
            ? "Verdict: every SQL site on an org-scoped table was verified or exempted with a reason."
            : "Verdict: NOT verified: " + string.Join("; ", s.Gaps) + ".");

        Section(text, "Exempted", report.ExemptedFindings.ToList(), f =>
            $"  {paths.At(f.Location)} {f.RuleId} {f.Message}\n      " + Exemption(f, paths));
        Section(text, "Open findings", report.OpenFindings.ToList(), f => $"  {paths.At(f.Location)} {f.RuleId} {f.Message}");
        Section(text, "Unpinned without a finding (a rule switched off?)",
            report.UnpinnedWithoutFinding.ToList(),
            x => $"  {paths.At(x.Location)} {x.Sink}: {x.Tables}");
        Section(text, "Not checked", report.Sites.Where(x => x.Outcome is SiteOutcome.NotChecked or SiteOutcome.NotCheckedExempted).ToList(),
            x => $"  {paths.At(x.Location)} {x.NotCheckedReason}" + (x.Outcome == SiteOutcome.NotCheckedExempted ? "\n      " + Exemption(x.NotCheckedFinding!, paths) : string.Empty));
        Section(text, "Pinned on trust (shared organization ids, trusted lookup joins)", report.Sites.Where(x => x.Outcome == SiteOutcome.Pinned && x.Trust.Length > 0).ToList(),
            x => $"  {paths.At(x.Location)} {x.Sink}: {x.Tables}");
        Section(text, "Configuration ignored (ORG008)", report.ConfigurationProblems, n => $"  {paths.At(n.Location)} {n.Message}");
        Section(text, "Analyzer failures (AD0001)", report.AnalyzerFailures, n => $"  {paths.At(n.Location)} {n.Message}");
        Section(text, "Findings outside any audited site", report.UnattachedFindings, f => $"  {paths.At(f.Location)} {f.RuleId} {f.Message}");
        return text.ToString();
    }

    internal static string Exemption(AuditFinding finding, PathDisplay paths)
    {
        if (finding.ExemptedWithoutReason)
        {
            return "suppressed WITHOUT a reason" + (finding.SuppressionType is null ? string.Empty : $" ({finding.SuppressionType})");
        }

        var where = finding.MarkerLocation is null ? string.Empty : " at " + paths.At(finding.MarkerLocation);
        var how = finding.Marker ?? finding.ExemptionSource;
        return $"reason: {finding.Reason}" + (how is null ? string.Empty : $" ({how}{where})");
    }

    internal static string? Trust(AuditSummary s)
    {
        var parts = new List<string>();
        if (s.PinnedSharedIds > 0)
        {
            parts.Add($"{s.PinnedSharedIds} admit shared organization ids");
        }

        if (s.PinnedLookupJoin > 0)
        {
            parts.Add($"{s.PinnedLookupJoin} through trusted lookup joins");
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static void Row(StringBuilder text, string label, int count, string? note = null) =>
        text.AppendLine($"{label,-34}{count,6}" + (note is null ? string.Empty : $"   ({note})"));

    private static void Section<T>(StringBuilder text, string title, IReadOnlyList<T> items, Func<T, string> line)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine($"{title} ({items.Count})");
        foreach (var item in items)
        {
            text.AppendLine(line(item));
        }
    }

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
