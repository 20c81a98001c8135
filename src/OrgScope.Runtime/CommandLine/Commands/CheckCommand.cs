using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Runtime.Preflight;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary><c>orgscope check</c>: the preflight. Exit 4 on any error finding, 0 otherwise (warnings included). Read-only.</summary>
internal sealed class CheckCommand() : OrgScopeCommand("check", "Preflight, read-only: tables, columns and types, indexes, server version, row estimates; exit 4 on any error")
{
    public override async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var output = context.Output;
        await using var connection = await context.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var report = await PreflightCheck.RunAsync(plan, connection, PreflightCheck.DefaultRowsPerSecond, cancellationToken).ConfigureAwait(false);
        var errors = report.Findings.Count(f => f.Severity == Severity.Error);
        var warnings = report.Findings.Count(f => f.Severity == Severity.Warning);

        if (output.Json)
        {
            output.Event("server", w =>
            {
                w.WriteString("database", context.Settings.Description);
                w.WriteString("flavor", report.Server.Flavor.ToString());
                w.WriteString("version", report.Server.Version.ToString(3));
                w.WriteString("versionText", report.Server.VersionText);
                w.WriteBoolean("instantAddColumn", report.Server.InstantAddColumn);
            });
            foreach (var finding in report.Findings)
            {
                output.Event("finding", w =>
                {
                    w.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
                    w.WriteString("table", finding.Table);
                    w.WriteString("message", finding.Message);
                    if (finding.Fix is not null)
                    {
                        w.WriteString("fix", finding.Fix);
                    }
                });
            }

            foreach (var table in report.Tables)
            {
                output.Event("estimate", w =>
                {
                    w.WriteString("table", table.Table);
                    w.WriteNumber("estimatedRows", table.EstimatedRows);
                    w.WriteNumber("estimatedSeconds", (long)table.EstimatedTime.TotalSeconds);
                });
            }

            output.Event("summary", w =>
            {
                w.WriteNumber("errors", errors);
                w.WriteNumber("warnings", warnings);
                w.WriteNumber("estimatedSeconds", (long)report.EstimatedTotal.TotalSeconds);
            });
        }
        else
        {
            output.Line($"Server: {report.Server.Display} ({report.Server.VersionText}), database {context.Settings.Description}");
            foreach (var finding in report.Findings.OrderByDescending(f => f.Severity))
            {
                var where = finding.Table.Length > 0 ? $"{finding.Table}: " : "";
                output.Line($"{Label(finding.Severity)} {where}{finding.Message}");
                if (finding.Fix is not null)
                {
                    output.Line($"        fix: {finding.Fix}");
                }
            }

            output.Render(CommandOutput.Table(
                ["table", "estimated rows", "estimated time"],
                report.Tables.Select(t => (IReadOnlyList<string?>)[t.Table, CommandOutput.Count(t.EstimatedRows), CommandOutput.Duration(t.EstimatedTime)])));
            output.Line($"Estimated backfill time: {CommandOutput.Duration(report.EstimatedTotal)} at an assumed {CommandOutput.Count((long)report.AssumedRowsPerSecond)} rows/s (row counts are InnoDB estimates; backfill prints the real rate).");
            output.Line(errors > 0
                ? $"check: {errors} error(s), {warnings} warning(s): fix the errors before migrate."
                : $"check: ok, {warnings} warning(s).");
        }

        return errors > 0 ? ExitCodes.Schema : ExitCodes.Ok;
    }

    private static string Label(Severity severity) => severity switch
    {
        Severity.Error => "ERROR  ",
        Severity.Warning => "WARNING",
        _ => "INFO   ",
    };
}
