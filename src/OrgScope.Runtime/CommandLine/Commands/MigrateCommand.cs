using System.Threading;
using System.Threading.Tasks;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary><c>orgscope migrate</c>: the preflight gate, then 001 (idempotent), OrgScope's own tables, and 004 when the plan has it.</summary>
internal sealed class MigrateCommand() : OrgScopeCommand("migrate", "Run 001 (idempotent) and create OrgScope's own tables, after the schema half of check")
{
    public override async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await PreflightGate.RequireSchemaAsync(context, cancellationToken).ConfigureAwait(false);
        var runbook = new Runbook(context.Plan, context.Settings.ConnectionString);
        var summary = await runbook.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.Event("migrated", w =>
            {
                w.WriteString("script", summary.Script);
                if (summary.TriggersScript is not null)
                {
                    w.WriteString("triggersScript", summary.TriggersScript);
                }

                w.WriteString("database", context.Settings.Description);
                w.WriteStartArray("createdTables");
                foreach (var table in summary.CreatedTables)
                {
                    w.WriteStringValue(table);
                }

                w.WriteEndArray();
            });
        }
        else
        {
            context.Output.Line($"migrate: {summary.Script} applied on {context.Settings.Description} (idempotent: columns and indexes that existed were left alone).");
            context.Output.Line(summary.CreatedTables.Count == 0
                ? "OrgScope's tables were already there."
                : $"Created {string.Join(", ", summary.CreatedTables)}.");
            if (summary.TriggersScript is not null)
            {
                context.Output.Line($"{summary.TriggersScript} applied: rows inserted without an organization get one from their sources (drop the triggers with rollback-insert-triggers.sql once every writer sets it).");
            }

            context.Output.Line("Next: orgscope backfill --dry-run");
        }

        return ExitCodes.Ok;
    }
}
