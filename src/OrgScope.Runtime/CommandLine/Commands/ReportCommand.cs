using System.Collections.Generic;
using System.CommandLine;
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
internal sealed class ReportCommand : OrgScopeCommand
{
    public readonly Option<bool> Unresolved = TypedOptions.Switch("--unresolved",
        "The rows that need a person: table, key, reason, candidate organizations (required: the one report there is)");

    public readonly Option<string> Format = TypedOptions.OneOf("--format",
        "Text, csv (for a spreadsheet) or json; csv and json write only the data on stdout", "text", "csv", "json");

    public ReportCommand()
        : base("report", "The manual-review report")
    {
        Options.Add(Unresolved);
        Options.Add(Format);
        // Not Option.Required: System.CommandLine 2.0 does not enforce it on a switch (tried), so the rule is checked here.
        Validators.Add(result =>
        {
            if (result.GetResult(Unresolved) is null)
            {
                result.AddError("report needs --unresolved (the report of rows that need a person).");
            }
        });
    }

    public override async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var format = context.Value(Format);
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
