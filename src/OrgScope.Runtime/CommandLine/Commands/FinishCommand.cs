using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Runtime.Cleanup;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary><c>orgscope finish [--keep-audit]</c>: after constrain, drops the tables the backfill worked with.</summary>
internal sealed class FinishCommand : OrgScopeCommand
{
    public readonly Option<bool> KeepAudit = TypedOptions.Switch("--keep-audit",
        "Keep orgscope_audit and orgscope_runs (who set which organization, and when), drop the rest");

    public FinishCommand()
        : base("finish", "After constrain: drop OrgScope's run tables (runs, checkpoints, ranges, unresolved, heartbeat, audit); refuses before")
    {
        Options.Add(KeepAudit);
    }

    public override async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var summary = await FinishRunner.FinishAsync(context.Plan, context.Settings.ConnectionString, context.Value(KeepAudit), cancellationToken).ConfigureAwait(false);
        var output = context.Output;
        if (output.Json)
        {
            output.Event("finished", w =>
            {
                w.WriteString("database", context.Settings.Description);
                Strings(w, "dropped", summary.Dropped);
                Strings(w, "kept", summary.Kept);
                Strings(w, "insertTriggers", summary.InsertTriggers);
            });
            return ExitCodes.Ok;
        }

        output.Line(summary.Dropped.Count == 0
            ? $"finish: nothing to drop on {context.Settings.Description}."
            : $"finish: dropped {string.Join(", ", summary.Dropped)} on {context.Settings.Description}. orgscope rollback --run cannot restore a run any more.");
        if (summary.Kept.Count > 0)
        {
            output.Line($"Kept {string.Join(", ", summary.Kept)}: orgscope_schema_changes is what rollback-constraints.sql and rollback-columns.sql read to undo exactly what 001 and 003 did; DROP TABLE it by hand once you will never roll back.");
        }

        if (summary.InsertTriggers.Count > 0)
        {
            output.Line($"The insert triggers are still installed ({string.Join(", ", summary.InsertTriggers)}): run rollback-insert-triggers.sql once every writer sets the organization column.");
        }

        return ExitCodes.Ok;
    }

    private static void Strings(System.Text.Json.Utf8JsonWriter writer, string name, System.Collections.Generic.IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
