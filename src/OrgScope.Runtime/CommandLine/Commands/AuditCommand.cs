using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Audit;
using OrgScope.Audit.Rendering;
using OrgScope.Audit.Sarif;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary>
/// <c>orgscope audit</c>: the summary of an audit build's SARIF logs (<c>dotnet build -p:OrgScopeAudit=true</c>):
/// SQL sites found, checked, pinned (and on what trust), exempted (each with its reason and place), open and not
/// checked. Exit 0 when every site on an org-scoped table was verified or exempted with a reason, 1 otherwise.
/// No database. The logic is OrgScope.Audit's; this file only reads the options and writes the report.
/// </summary>
internal sealed class AuditCommand : OrgScopeCommand
{
    /// <summary>The name an audit build gives its log (src/OrgScope.Abstractions/build/OrgScope.targets).</summary>
    private const string AuditLogName = "orgscope-audit.sarif";

    public readonly Option<IReadOnlyList<string>?> Sarif = TypedOptions.CommaList("--sarif", "files",
        $"The SARIF logs of an audit build (dotnet build -p:OrgScopeAudit=true writes obj/.../{AuditLogName}); a folder means every {AuditLogName} below it");

    public readonly Option<string> Format = TypedOptions.OneOf("--format",
        "The report: text, md (Markdown, for a review) or json", "text", "md", "json");

    public readonly Option<string?> Out = TypedOptions.Text("--out", "path",
        "Write the report to this file; stdout then gets the verdict line only");

    public AuditCommand()
        : base("audit", "Summarise an audit build's SARIF log: SQL sites found, checked, pinned, exempted (with reasons), open, not checked; exit 1 unless all is verified or exempted with a reason (no database needed)")
    {
        Sarif.Required = true;
        Options.Add(Sarif);
        Options.Add(Format);
        Options.Add(Out);
    }

    public override Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var logs = Logs(context.Value(Sarif) ?? throw new InvalidOperationException("--sarif is required by the parser."));
        AuditReport report;
        try
        {
            report = AuditBuilder.FromLogs(logs);
        }
        catch (AuditInputException ex)
        {
            throw new OperatorException(FailureKind.Configuration, ex.Message, ex);
        }

        var summary = AuditSummary.Of(report);
        var verdict = summary.Verified
            ? "Verified: every SQL site on an org-scoped table was verified or exempted with a reason."
            : "Not verified: " + string.Join("; ", summary.Gaps) + ".";
        var path = context.Value(Out);
        if (output.Json && path is null)
        {
            output.Event("audit", w =>
            {
                w.WriteBoolean("verified", summary.Verified);
                w.WriteNumber("found", summary.Found);
                w.WriteNumber("checked", summary.Checked);
                w.WriteNumber("pinned", summary.Pinned);
                w.WriteNumber("exempted", summary.Exempted);
                w.WriteNumber("open", summary.Open);
                w.WriteNumber("notChecked", summary.NotChecked);
                w.WriteString("verdict", verdict);
            });
            return Task.FromResult(summary.Verified ? ExitCodes.Ok : ExitCodes.Refused);
        }

        AuditRenderer.TryParse(context.Value(Format), out var format);
        var rendered = AuditRenderer.Render(report, format, Directory.GetCurrentDirectory());
        if (path is null)
        {
            output.Out.Write(rendered);
        }
        else
        {
            try
            {
                File.WriteAllText(path, rendered);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new OperatorException(FailureKind.Configuration, $"--out '{path}' cannot be written: {ex.Message}", ex);
            }

            output.Line($"{verdict} Report: {path}");
        }

        return Task.FromResult(summary.Verified ? ExitCodes.Ok : ExitCodes.Refused);
    }

    /// <summary>Files as given; a folder becomes every audit log below it (a solution's audit build writes one per project).</summary>
    private static List<string> Logs(IEnumerable<string> given)
    {
        var logs = new List<string>();
        foreach (var item in given)
        {
            if (Directory.Exists(item))
            {
                var found = Directory.EnumerateFiles(item, AuditLogName, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    throw new OperatorException(FailureKind.Configuration,
                        $"No {AuditLogName} below '{item}': build with -p:OrgScopeAudit=true first, or pass the log with --sarif <file>.");
                }

                logs.AddRange(found);
            }
            else
            {
                logs.Add(item);
            }
        }

        return logs;
    }
}
