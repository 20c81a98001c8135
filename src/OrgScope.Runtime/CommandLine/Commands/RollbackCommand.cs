using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary><c>orgscope rollback --run ID</c>: restores a run's values where they are still the ones it wrote.</summary>
internal sealed class RollbackCommand : OrgScopeCommand
{
    private const int ChangedRowsShown = 20;

    public readonly Option<long?> Run = TypedOptions.PositiveLong("--run", "ID",
        "The run to roll back: the id the backfill printed (orgscope_runs.run_id)");

    public readonly Option<int?> MaxThreadsRunning = ThreadsRunningOption.Create();

    public readonly ReplicaLagOptions ReplicaLag = new();

    public RollbackCommand()
        : base("rollback", "Restore the values a run wrote, where they are still the ones it wrote")
    {
        Run.Required = true;
        Options.Add(Run);
        Options.Add(MaxThreadsRunning);
        ReplicaLag.AddTo(this);
    }

    public override async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var runId = context.Value(Run) ?? throw new InvalidOperationException("--run is required by the parser.");
        var plan = context.Plan;
        var output = context.Output;
        var options = context.Value(MaxThreadsRunning) is { } maxThreads
            ? RunbookOptions.Default with { MaxThreadsRunning = maxThreads }
            : RunbookOptions.Default;
        var runbook = new Runbook(plan, context.Settings.ConnectionString, ReplicaLag.Apply(context, options));
        var progress = new BackfillProgressView(output);
        var summary = await progress.RunAsync(plan.Tables.Select(t => t.Table).ToList(),
            p => runbook.RollbackAsync(runId, p, cancellationToken)).ConfigureAwait(false);

        var changed = summary.Tables.SelectMany(t => t.ChangedSince.Select(c => (t.Table, Row: c))).ToList();
        if (output.Json)
        {
            foreach (var table in summary.Tables)
            {
                output.Event("rollback-table", w =>
                {
                    w.WriteNumber("run", summary.RunId);
                    w.WriteString("table", table.Table);
                    w.WriteNumber("audited", table.Audited);
                    w.WriteNumber("restored", table.Restored);
                    w.WriteNumber("changedSince", table.ChangedSince.Count);
                    w.WriteNumber("missing", table.Missing);
                });
            }

            foreach (var (table, row) in changed)
            {
                output.Event("changed-since", w =>
                {
                    w.WriteString("table", table);
                    w.WriteString("key", row.RowKey);
                    w.WriteString("current", row.CurrentValue);
                    w.WriteString("written", row.WrittenValue);
                });
            }
        }
        else
        {
            output.Render(CommandOutput.Table(
                ["table", "audited", "restored", "changed since (left alone)", "rows gone"],
                summary.Tables.Select(t => (IReadOnlyList<string?>)
                [
                    t.Table, CommandOutput.Count(t.Audited), CommandOutput.Count(t.Restored),
                    CommandOutput.Count(t.ChangedSince.Count), CommandOutput.Count(t.Missing),
                ])));
            foreach (var (table, row) in changed.Take(ChangedRowsShown))
            {
                output.Line($"left alone: {table} key {row.RowKey}: now {row.CurrentValue ?? "NULL"}, the run wrote {row.WrittenValue ?? "NULL"}");
            }

            if (changed.Count > ChangedRowsShown)
            {
                output.Line($"... and {changed.Count - ChangedRowsShown} more rows the app changed since (--log-format json lists them all).");
            }

            output.Line($"rollback: run {summary.RunId} restored {CommandOutput.Count(summary.Tables.Sum(t => t.Restored))} value(s); {changed.Count} row(s) changed since were left alone.");
        }

        return ExitCodes.Ok;
    }
}
