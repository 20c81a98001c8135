using System.Text;

namespace OrgScope.Audit.Rendering;

/// <summary>For a review or a pull request: the counts as a table, the verdict, and a table per list.</summary>
public static class MarkdownAuditRenderer
{
    public static string Render(AuditReport report, PathDisplay paths)
    {
        var s = AuditSummary.Of(report);
        var md = new StringBuilder();
        md.AppendLine("# OrgScope audit");
        md.AppendLine();
        md.AppendLine(s.Verified
            ? "**Verified:** every SQL site on an org-scoped table was verified or exempted with a reason."
            : "**Not verified:** " + string.Join("; ", s.Gaps) + ".");
        md.AppendLine();
        md.AppendLine("| SQL sites | count |");
        md.AppendLine("|---|---:|");
        md.AppendLine($"| found | {s.Found} |");
        md.AppendLine($"| checked ({s.Statements} statements) | {s.Checked} |");
        md.AppendLine($"| on org-scoped tables | {s.OnScopedTables} |");
        md.AppendLine($"| pinned{Note(TextAuditRenderer.Trust(s))} | {s.Pinned} |");
        md.AppendLine($"| exempted | {s.Exempted} |");
        md.AppendLine($"| open | {s.Open} |");
        md.AppendLine($"| no org-scoped table | {s.NoScopedTable} |");
        md.AppendLine($"| not checked (ORG005){Note(s.NotCheckedExempted > 0 ? $"{s.NotCheckedExempted} exempted" : null)} | {s.NotChecked + s.NotCheckedExempted} |");
        md.AppendLine($"| schema probes (ORG004) open / exempted | {s.SchemaProbesOpen} / {s.SchemaProbesExempted} |");

        Table(md, "Exempted", ["where", "rule", "finding", "exemption"], report.ExemptedFindings.ToList(),
            f => [paths.At(f.Location), f.RuleId, f.Message, TextAuditRenderer.Exemption(f, paths)]);
        Table(md, "Open findings", ["where", "rule", "finding"], report.OpenFindings.ToList(), f => [paths.At(f.Location), f.RuleId, f.Message]);
        Table(md, "Unpinned without a finding", ["where", "sink", "tables"],
            report.UnpinnedWithoutFinding.ToList(), x => [paths.At(x.Location), x.Sink, x.Tables]);
        Table(md, "Not checked", ["where", "why", "exemption"],
            report.Sites.Where(x => x.Outcome is SiteOutcome.NotChecked or SiteOutcome.NotCheckedExempted).ToList(),
            x => [paths.At(x.Location), x.NotCheckedReason ?? string.Empty, x.Outcome == SiteOutcome.NotCheckedExempted ? TextAuditRenderer.Exemption(x.NotCheckedFinding!, paths) : string.Empty]);
        Table(md, "Pinned on trust", ["where", "sink", "tables"],
            report.Sites.Where(x => x.Outcome == SiteOutcome.Pinned && x.Trust.Length > 0).ToList(), x => [paths.At(x.Location), x.Sink, x.Tables]);
        Table(md, "Configuration ignored (ORG008)", ["where", "problem"], report.ConfigurationProblems, n => [paths.At(n.Location), n.Message]);
        Table(md, "Analyzer failures (AD0001)", ["where", "failure"], report.AnalyzerFailures, n => [paths.At(n.Location), n.Message]);
        Table(md, "Findings outside any audited site", ["where", "rule", "finding"], report.UnattachedFindings, f => [paths.At(f.Location), f.RuleId, f.Message]);

        md.AppendLine();
        md.AppendLine("Logs: " + string.Join(", ", report.Logs.Select(l => "`" + paths.File(l) + "`")));
        return md.ToString();
    }

    private static string Note(string? note) => note is null ? string.Empty : $" ({note})";

    private static void Table<T>(StringBuilder md, string title, string[] headers, IReadOnlyList<T> items, Func<T, string[]> cells)
    {
        if (items.Count == 0)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine($"## {title} ({items.Count})");
        md.AppendLine();
        md.AppendLine("| " + string.Join(" | ", headers) + " |");
        md.AppendLine("|" + string.Concat(headers.Select(_ => "---|")));
        foreach (var item in items)
        {
            md.AppendLine("| " + string.Join(" | ", cells(item).Select(Escape)) + " |");
        }
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
