using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Runtime.Connection;
using OrgScope.Runtime.Reporting;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary>
/// <c>orgscope report --unresolved [--format text|csv|json]</c>: the rows a person must map. CSV and JSON go to stdout
/// alone (redirect them to a file); status stays on stderr. Read-only.
/// </summary>
internal static class ReportCommand
{
    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!context.Arguments.Has("--unresolved"))
        {
            throw new OperatorException(FailureKind.Usage, "report needs --unresolved (the report of rows that need a person).");
        }

        var format = context.Arguments.OneOf("--format", "text", "csv", "json");
        _ = context.Plan; // the same --assembly contract as every command: a planless assembly fails here, not later
        await using var connection = await context.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await UnresolvedReport.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var output = context.Output;
        switch (format)
        {
            case "csv":
                UnresolvedFormats.WriteCsv(output.Out, rows);
                break;
            case "json":
                UnresolvedFormats.WriteJson(output.Out, rows);
                break;
            default:
                output.Render(CommandOutput.Table(
                    ["table", "key", "reason", "candidate organizations"],
                    rows.Select(r => (IReadOnlyList<string?>)[r.Table, r.Key, r.Reason, string.Join(", ", r.Candidates)])));
                output.Line($"{CommandOutput.Count(rows.Count)} unresolved row(s) in {context.Settings.Description}. --format csv for a spreadsheet.");
                break;
        }

        return ExitCodes.Ok;
    }
}
