using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Runtime.Reporting;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary><c>orgscope validate</c>: 002's results for reading, then exit 1 while a NULL has no recorded reason. Read-only.</summary>
internal sealed class ValidateCommand() : OrgScopeCommand("validate", "Run 002; exit 1 while NULLs remain that are not recorded as unresolved")
{
    public override async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var output = context.Output;
        await using var connection = await context.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var result = await ValidationRunner.RunAsync(plan, connection, cancellationToken).ConfigureAwait(false);
        var unexplained = result.Tables.Where(t => t.Unexplained > 0).ToList();

        if (output.Json)
        {
            var index = 0;
            foreach (var set in result.ScriptResults)
            {
                index++;
                output.Event("result", w =>
                {
                    w.WriteString("script", result.ScriptName);
                    w.WriteNumber("index", index);
                    w.WriteStartArray("columns");
                    foreach (var column in set.Columns)
                    {
                        w.WriteStringValue(column);
                    }

                    w.WriteEndArray();
                    w.WriteStartArray("rows");
                    foreach (var row in set.Rows)
                    {
                        w.WriteStartArray();
                        foreach (var value in row)
                        {
                            w.WriteStringValue(value);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndArray();
                });
            }

            foreach (var table in result.Tables)
            {
                output.Event("table", w =>
                {
                    w.WriteString("table", table.Table);
                    w.WriteNumber("nullRows", table.NullRows);
                    w.WriteNumber("recordedUnresolved", table.RecordedUnresolved);
                    w.WriteNumber("unexplained", table.Unexplained);
                });
            }

            output.Event("summary", w =>
            {
                w.WriteBoolean("passed", result.Passed);
                w.WriteNumber("unexplained", unexplained.Sum(t => t.Unexplained));
            });
        }
        else
        {
            output.Line(result.ScriptName is null
                ? "The plan carries no 002 validation script: showing OrgScope's own counts only."
                : $"{result.ScriptName} on {context.Settings.Description}:");
            foreach (var set in result.ScriptResults)
            {
                output.Render(CommandOutput.Table(set.Columns, set.Rows));
            }

            output.Render(CommandOutput.Table(
                ["table", "NULL rows", "recorded unresolved", "no recorded reason"],
                result.Tables.Select(t => (IReadOnlyList<string?>)
                    [t.Table, CommandOutput.Count(t.NullRows), CommandOutput.Count(t.RecordedUnresolved), CommandOutput.Count(t.Unexplained)])));
            var recorded = result.Tables.Sum(t => t.RecordedUnresolved);
            output.Line(result.Passed
                ? $"validate: passed. {CommandOutput.Count(recorded)} row(s) wait for a person: orgscope report --unresolved."
                : $"validate: FAILED: {CommandOutput.Count(unexplained.Sum(t => t.Unexplained))} row(s) are NULL with no recorded reason ({string.Join(", ", unexplained.Select(t => t.Table + " " + t.Unexplained.ToString(CultureInfo.InvariantCulture)))}). Run orgscope backfill again: it picks them up.");
        }

        return result.Passed ? ExitCodes.Ok : ExitCodes.Refused;
    }
}
