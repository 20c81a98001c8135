using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrgScope.Audit.Rendering;

/// <summary>For tools: the summary, the verdict and every site with its findings, as one JSON object.</summary>
public static class JsonAuditRenderer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Render(AuditReport report, PathDisplay paths)
    {
        var document = new
        {
            Summary = AuditSummary.Of(report),
            Logs = report.Logs.Select(paths.File),
            Sites = report.Sites.Select(s => new
            {
                File = paths.File(s.Location.File),
                Line = s.Location.StartLine,
                Column = s.Location.StartColumn,
                s.Sink,
                s.Outcome,
                s.Statements,
                s.UncheckedStatements,
                s.ScopedTables,
                s.UnpinnedTables,
                Trust = s.Trust.Length == 0 ? null : s.Trust,
                Tables = s.Tables.Length == 0 ? null : s.Tables,
                s.NotCheckedReason,
                NotCheckedExemption = s.Outcome == SiteOutcome.NotCheckedExempted ? Finding(s.NotCheckedFinding!, paths) : null,
                Findings = s.Findings.Select(f => Finding(f, paths)),
            }),
            UnattachedFindings = report.UnattachedFindings.Select(f => Finding(f, paths)),
            ConfigurationProblems = report.ConfigurationProblems.Select(n => new { n.Message, Where = n.Location is null ? null : paths.At(n.Location) }),
            AnalyzerFailures = report.AnalyzerFailures.Select(n => new { n.Message, Where = n.Location is null ? null : paths.At(n.Location) }),
        };
        return JsonSerializer.Serialize(document, Options) + "\n";
    }

    private static object Finding(AuditFinding f, PathDisplay paths) => new
    {
        Rule = f.RuleId,
        f.Message,
        Where = f.Location is null ? null : paths.At(f.Location),
        f.Exempted,
        f.Reason,
        Source = f.ExemptionSource,
        f.Marker,
        MarkerWhere = f.MarkerLocation is null ? null : paths.At(f.MarkerLocation),
        Suppression = f.Exempted ? f.SuppressionType : null,
    };
}
