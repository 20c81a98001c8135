using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary>
/// <c>orgscope backfill</c>: the preflight gate, then the engine with live progress, then a summary table. Ctrl+C:
/// exit 130 after the batch in flight commits its checkpoint; the next backfill resumes.
/// </summary>
internal sealed class BackfillCommand : OrgScopeCommand
{
    public readonly Option<bool> DryRun = TypedOptions.Switch("--dry-run",
        "Write nothing at all; print what would be set (default from DRY_RUN=1)");

    public readonly Option<int?> BatchSize = TypedOptions.PositiveInt("--batch-size", "N",
        $"Rows in the first batch transaction, from there sized toward --target-batch-ms (default from BATCH_SIZE, else {BackfillOptions.DefaultBatchSize})");

    public readonly BatchSizingOptions Sizing = new();

    public readonly Option<int?> Workers = TypedOptions.PositiveInt("--workers", "N",
        "Workers in this process, each with its own connection; the same command on other machines joins the run (default 1)");

    public readonly Option<int?> RangeRows = TypedOptions.PositiveInt("--range-rows", "N",
        $"Rows per key range a worker claims (default {BackfillOptions.DefaultRangeRows:N0})");

    public readonly Option<int?> LeaseSeconds = TypedOptions.PositiveInt("--lease-seconds", "S",
        $"A worker that commits no batch for this long loses its range to another (default {new BackfillOptions().LeaseTimeout.TotalSeconds:0})");

    public readonly Option<IReadOnlyList<string>?> Tables = TypedOptions.CommaList("--tables", "a,b",
        "Only these tables (still in dependency order)");

    public readonly Option<bool> Resume = TypedOptions.Switch("--resume",
        "Continue the last unfinished run (the default when there is one)");

    public readonly Option<bool> Restart = TypedOptions.Switch("--restart",
        "Start a new run even if one is unfinished");

    public readonly Option<int?> MaxThreadsRunning = ThreadsRunningOption.Create();

    public readonly Option<bool> Follow = TypedOptions.Switch("--follow",
        "After the backfill, keep sweeping rows inserted with a NULL organization until stopped (Ctrl+C, SIGTERM): for when 004's insert triggers cannot be used");

    public readonly Option<int?> FollowInterval = TypedOptions.PositiveInt("--follow-interval", "SECONDS",
        $"With --follow: the pause between two sweeps (default {new FollowOptions().Interval.TotalSeconds:0})");

    public readonly ReplicaLagOptions ReplicaLag = new();

    public BackfillCommand()
        : base("backfill", "Fill organization columns in keyset batches, with audit and checkpoints")
    {
        Options.Add(DryRun);
        Options.Add(BatchSize);
        Sizing.AddTo(this);
        Options.Add(Workers);
        Options.Add(RangeRows);
        Options.Add(LeaseSeconds);
        Options.Add(Tables);
        Options.Add(Resume);
        Options.Add(Restart);
        Options.Add(MaxThreadsRunning);
        Options.Add(Follow);
        Options.Add(FollowInterval);
        ReplicaLag.AddTo(this);
        Validators.Add(result =>
        {
            if (result.GetResult(Follow) is not null && result.GetResult(DryRun) is not null)
            {
                result.AddError("--follow writes, --dry-run writes nothing: use one of them.");
            }

            if (result.GetResult(FollowInterval) is not null && result.GetResult(Follow) is null)
            {
                result.AddError("--follow-interval needs --follow.");
            }

            if (result.GetResult(Resume) is not null && result.GetResult(Restart) is not null)
            {
                result.AddError("--resume and --restart exclude each other: --resume continues the last run (the default), --restart starts a new one.");
            }
        });
    }

    public override async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var defaults = RunDefaults.FromEnvironment(context.Environment);
        var options = new BackfillOptions
        {
            DryRun = context.Value(DryRun) || defaults.DryRun,
            BatchSize = context.Value(BatchSize) ?? defaults.BatchSize ?? BackfillOptions.DefaultBatchSize,
            Tables = context.Value(Tables),
            Restart = context.Value(Restart),
            Workers = context.Value(Workers) ?? 1,
            RangeRows = context.Value(RangeRows) ?? BackfillOptions.DefaultRangeRows,
            LeaseTimeout = context.Value(LeaseSeconds) is { } lease ? TimeSpan.FromSeconds(lease) : new BackfillOptions().LeaseTimeout,
        };
        var runbookOptions = Sizing.Apply(context, RunbookOptions.Default);
        if (context.Value(MaxThreadsRunning) is { } maxThreads)
        {
            runbookOptions = runbookOptions with { MaxThreadsRunning = maxThreads };
        }

        await PreflightGate.RequireSchemaAsync(context, cancellationToken).ConfigureAwait(false);
        runbookOptions = ReplicaLag.Apply(context, runbookOptions);
        var plan = context.Plan;
        var output = context.Output;
        if (!output.Json)
        {
            output.Line($"backfill{(options.DryRun ? " (dry run: nothing will be written)" : "")} on {context.Settings.Description}, {Batches(options.BatchSize, runbookOptions)}" +
                        (options.Workers > 1 && !options.DryRun ? $", {options.Workers} workers" : "") +
                        (options.DryRun ? "" : ReplicaLagOptions.Describe(runbookOptions)) + ".");
        }

        var runbook = new Runbook(plan, context.Settings.ConnectionString, runbookOptions);
        var tables = options.Tables is { Count: > 0 } chosen ? chosen : plan.Tables.Select(t => t.Table).ToList();
        var summary = await new BackfillProgressView(output)
            .RunAsync(tables, p => runbook.BackfillAsync(options, p, cancellationToken))
            .ConfigureAwait(false);

        WriteSummary(output, summary);
        if (summary.Cancelled || options.DryRun || !context.Value(Follow))
        {
            return summary.Cancelled ? ExitCodes.Cancelled : ExitCodes.Ok;
        }

        var follow = new FollowOptions
        {
            BatchSize = options.BatchSize,
            Interval = context.Value(FollowInterval) is { } seconds ? TimeSpan.FromSeconds(seconds) : new FollowOptions().Interval,
        };
        await FollowAsync(output, runbook, follow, options.Tables, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    // Until stopped: one line per batch that set something (a sweep that found nothing new, or only rows still
    // unresolved, says nothing: they are tried again every sweep), a line per throttle wait, then what the follow run
    // did. Stopping is how --follow ends, so it is exit 0.
    private static async Task FollowAsync(CommandOutput output, Runbook runbook, FollowOptions follow, IReadOnlyList<string>? tables, CancellationToken cancellationToken)
    {
        if (!output.Json)
        {
            output.Line($"backfill --follow: sweeping rows inserted with a NULL organization every {follow.Interval.TotalSeconds:0} s; Ctrl+C stops.");
        }

        var progress = new SyncProgress<BatchProgress>(p =>
        {
            if (p.ThrottleReason is null && p.RowsSet == 0)
            {
                return;
            }

            if (output.Json)
            {
                output.Event(p.Phase == "follow" ? "follow-batch" : p.Phase, w =>
                {
                    w.WriteString("table", p.Table);
                    w.WriteNumber("run", p.RunId ?? 0);
                    w.WriteNumber("rows", p.RowsDone);
                    w.WriteNumber("set", p.RowsSet);
                    w.WriteNumber("unresolved", p.RowsUnresolved);
                    if (p.ThrottleReason is { } reason)
                    {
                        w.WriteString("reason", reason);
                    }
                });
            }
            else if (p.ThrottleReason is { } reason)
            {
                output.Line($"throttled {p.Table}: {reason}");
            }
            else
            {
                output.Line($"follow {p.Table} (run {p.RunId}): set {p.RowsSet}, unresolved {p.RowsUnresolved}");
            }
        });
        var summary = await runbook.FollowAsync(follow, tables, progress, cancellationToken).ConfigureAwait(false);
        var set = summary.Tables.Sum(t => t.RowsSet);
        var unresolved = summary.Tables.Sum(t => t.RowsUnresolved);
        if (output.Json)
        {
            output.Event("follow-summary", w =>
            {
                w.WriteNumber("run", summary.RunId ?? 0);
                w.WriteNumber("rowsSet", set);
                w.WriteNumber("rowsUnresolved", unresolved);
                w.WriteNumber("elapsedSeconds", Math.Round(summary.Elapsed.TotalSeconds, 1));
            });
        }
        else
        {
            output.Line($"backfill --follow: run {summary.RunId} stopped after {CommandOutput.Duration(summary.Elapsed)}: {CommandOutput.Count(set)} row(s) set, {CommandOutput.Count(unresolved)} unresolved. Undo with orgscope rollback --run {summary.RunId}.");
        }
    }

    /// <summary>"batches of 2000" (fixed) or "batches from 2000 rows, sized toward 40 ms (100..20,000)".</summary>
    internal static string Batches(int batchSize, RunbookOptions options) =>
        options.TargetBatchTime > TimeSpan.Zero
            ? $"batches from {batchSize} rows, sized toward {options.TargetBatchTime.TotalMilliseconds:0} ms ({options.MinBatchSize}..{options.MaxBatchSize:N0})"
            : $"batches of {batchSize}";

    private static void WriteSummary(CommandOutput output, BackfillSummary summary)
    {
        if (output.Json)
        {
            foreach (var table in summary.Tables)
            {
                output.Event("table-summary", w =>
                {
                    w.WriteString("table", table.Table);
                    w.WriteNumber("rowsScanned", table.RowsScanned);
                    w.WriteNumber("rowsSet", table.RowsSet);
                    w.WriteNumber("rowsUnresolved", table.RowsUnresolved);
                    w.WriteNumber("batches", table.Batches);
                    w.WriteNumber("retries", table.Retries);
                    w.WriteNumber("batchP50Ms", Math.Round(table.BatchP50.TotalMilliseconds, 1));
                    w.WriteNumber("batchP99Ms", Math.Round(table.BatchP99.TotalMilliseconds, 1));
                    w.WriteStartObject("setBySource");
                    foreach (var (source, count) in table.SetBySource)
                    {
                        w.WriteNumber(source, count);
                    }

                    w.WriteEndObject();
                    w.WriteStartObject("unresolvedByReason");
                    foreach (var (reason, count) in table.UnresolvedByReason)
                    {
                        w.WriteNumber(reason, count);
                    }

                    w.WriteEndObject();
                });
            }

            output.Event("summary", w =>
            {
                if (summary.RunId is { } run)
                {
                    w.WriteNumber("run", run);
                }

                w.WriteBoolean("dryRun", summary.DryRun);
                w.WriteBoolean("resumed", summary.Resumed);
                w.WriteBoolean("cancelled", summary.Cancelled);
                w.WriteNumber("rowsSet", summary.Tables.Sum(t => t.RowsSet));
                w.WriteNumber("rowsUnresolved", summary.Tables.Sum(t => t.RowsUnresolved));
                w.WriteNumber("elapsedSeconds", Math.Round(summary.Elapsed.TotalSeconds, 1));
            });
            return;
        }

        var verb = summary.DryRun ? "would set" : "set";
        output.Render(CommandOutput.Table(
            ["table", "scanned", verb, "unresolved", "batches", "retries", "p50/p99 ms", "time"],
            summary.Tables.Select(t => (IReadOnlyList<string?>)
            [
                t.Table,
                CommandOutput.Count(t.RowsScanned),
                CommandOutput.Count(t.RowsSet),
                CommandOutput.Count(t.RowsUnresolved),
                CommandOutput.Count(t.Batches),
                CommandOutput.Count(t.Retries),
                $"{t.BatchP50.TotalMilliseconds:0}/{t.BatchP99.TotalMilliseconds:0}",
                CommandOutput.Duration(t.Elapsed),
            ])));

        // Sources and reasons as lines under the table: they are long, and a table that wraps is hard to read.
        foreach (var t in summary.Tables.Where(t => t.SetBySource.Count > 0 || t.UnresolvedByReason.Count > 0))
        {
            var sources = string.Join(", ", t.SetBySource.Select(s => $"{s.Key} {CommandOutput.Count(s.Value)}"));
            var reasons = string.Join(", ", t.UnresolvedByReason.Select(s => $"{s.Key} {CommandOutput.Count(s.Value)}"));
            output.Line($"  {t.Table}: {verb} by {(sources.Length > 0 ? sources : "none")}; unresolved: {(reasons.Length > 0 ? reasons : "none")}");
        }

        var run = summary.RunId is { } id ? $"run {id}" : "dry run";
        output.Line(summary.Cancelled
            ? $"backfill: {run} cancelled after its last committed batch; run the same command again to resume."
            : summary.DryRun
                ? $"backfill: dry run done, nothing written: {CommandOutput.Count(summary.Tables.Sum(t => t.RowsSet))} row(s) would be set, {CommandOutput.Count(summary.Tables.Sum(t => t.RowsUnresolved))} would stay unresolved."
                : $"backfill: {run}{(summary.Resumed ? " (resumed)" : "")} done in {CommandOutput.Duration(summary.Elapsed)}: {CommandOutput.Count(summary.Tables.Sum(t => t.RowsSet))} row(s) set, {CommandOutput.Count(summary.Tables.Sum(t => t.RowsUnresolved))} unresolved. Next: orgscope validate; undo with orgscope rollback --run {summary.RunId}.");
    }
}
