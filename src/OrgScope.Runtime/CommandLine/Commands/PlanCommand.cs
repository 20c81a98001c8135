using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Plan;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary><c>orgscope plan</c>: the tables in run order, each with its sources in the order they are tried. No database.</summary>
internal sealed class PlanCommand() : OrgScopeCommand("plan", "What will happen, in run order: each table's sources in the order they are tried, and the script files (no database needed)")
{
    public override Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var output = context.Output;
        if (output.Json)
        {
            var order = 0;
            foreach (var table in plan.Tables)
            {
                order++;
                output.Event("table", w =>
                {
                    w.WriteNumber("order", order);
                    w.WriteString("table", table.Table);
                    w.WriteString("column", table.Column);
                    w.WriteString("sqlType", table.SqlType);
                    w.WriteString("key", string.Join(",", table.Key.Select(k => k.Column)));
                    w.WriteStartArray("sources");
                    foreach (var source in table.Sources)
                    {
                        w.WriteStringValue(source.Description);
                    }

                    w.WriteEndArray();
                    w.WriteString("onConflict", table.OnConflict);
                    w.WriteStartArray("dependsOn");
                    foreach (var dependency in table.DependsOn)
                    {
                        w.WriteStringValue(dependency);
                    }

                    w.WriteEndArray();
                });
            }

            output.Event("files", w =>
            {
                w.WriteStartArray("names");
                foreach (var file in plan.Files)
                {
                    w.WriteStringValue(file.Name);
                }

                w.WriteEndArray();
            });
            return Task.FromResult(ExitCodes.Ok);
        }

        output.Line($"Organization table: {plan.Root.Table}.{plan.Root.Key} ({plan.Root.SqlType}); {plan.Tables.Count} scoped tables, in run order:");
        output.Render(CommandOutput.Table(
            ["#", "table", "column", "key", "organization from (first that yields)", "on conflict"],
            plan.Tables.Select((t, i) => (System.Collections.Generic.IReadOnlyList<string?>)
            [
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                t.Table,
                $"{t.Column} {t.SqlType}",
                string.Join(", ", t.Key.Select(k => k.Column)),
                string.Join("; then ", t.Sources.Select(Describe)),
                t.OnConflict,
            ])));
        output.Line(plan.Files.Count == 0
            ? "The plan carries no script files yet."
            : $"Scripts (written by the build to scripts/orgscope/): {string.Join(", ", plan.Files.Select(f => f.Name))}");
        output.Line("Runbook: check → migrate → backfill --dry-run → backfill → validate → report --unresolved → constrain.");
        return Task.FromResult(ExitCodes.Ok);
    }

    private static string Describe(PlanSource source) =>
        string.IsNullOrWhiteSpace(source.Description) ? $"{source.Kind} {source.Name}" : source.Description;
}
