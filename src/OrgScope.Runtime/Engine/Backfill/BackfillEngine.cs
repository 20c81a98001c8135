using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Engine.Throttling;

namespace OrgScope.Runtime.Engine.Backfill;

/// <summary>
/// The real backfill (DESIGN.md "Backfill"): starts or joins a run, then <see cref="BackfillOptions.Workers"/> workers
/// (<see cref="BackfillWorker"/>), each with its own connection, take ranges of the tables in dependency order until
/// every table is done, cooperating through OrgScope's tables with the workers of any other process on the run; then
/// marks the run completed, cancelled or failed.
/// </summary>
internal sealed class BackfillEngine(
    string connectionString, DbSession session, RunbookOptions options, ThrottleGate gate, StatementSource statementSource, Func<StatementEvent, Task>? beforeStatement = null)
{
    private readonly Retry _retry = new(session, options);

    public async Task<BackfillSummary> RunAsync(IReadOnlyList<PlanTable> tables, BackfillOptions backfill, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var connection = await session.OpenAsync(cancellationToken).ConfigureAwait(false);
        await RunStore.RequireTablesAsync(connection).ConfigureAwait(false);
        await using var liveness = new WorkerLiveness(connectionString, options);
        await liveness.EnsureAsync().ConfigureAwait(false);
        var (runId, resumed) = await RunStore.StartAsync(connection, backfill.Restart, backfill.BatchSize, tables.Select(t => t.Table).ToList()).ConfigureAwait(false);
        var run = new BackfillRun(runId, tables, backfill, options, liveness, gate, statementSource, progress, beforeStatement);

        bool cancelled;
        try
        {
            cancelled = await WorkersAsync(run, cancellationToken).ConfigureAwait(false);
            var (phases, _) = await _retry.RunAsync(c => RangeStore.PhasesAsync(c, runId)).ConfigureAwait(false);
            var done = tables.All(t => phases.GetValueOrDefault(t.Table) == RangeStore.Done);
            await _retry.RunAsync(async c =>
            {
                if (done)
                {
                    await RunStore.SetStatusAsync(c, runId, "completed", finished: true).ConfigureAwait(false);
                }
                else if ((await RangeStore.LiveOwnersAsync(c, runId).ConfigureAwait(false)).Count == 0)
                {
                    await RunStore.SetStatusAsync(c, runId, "cancelled", finished: false).ConfigureAwait(false); // else others go on with it
                }

                return 0;
            }).ConfigureAwait(false);
            cancelled = cancelled && !done;
        }
        catch
        {
            await TryMarkFailedAsync(runId).ConfigureAwait(false);
            throw;
        }

        return new BackfillSummary(runId, DryRun: false, resumed, cancelled, await SummariesAsync(run).ConfigureAwait(false), total.Elapsed);
    }

    // The workers of this process; the first uses the engine's connection. One failing stops the others (after their
    // batch in flight) and its exception is the run's. True when cancelled.
    private async Task<bool> WorkersAsync(BackfillRun run, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sessions = new List<DbSession> { session };
        for (var i = 1; i < run.Backfill.Workers; i++)
        {
            sessions.Add(new DbSession(connectionString, options));
        }

        try
        {
            var workers = sessions.Select((s, i) => Task.Run(async () =>
            {
                try
                {
                    return await new BackfillWorker(run, s, i + 1).RunAsync(stop.Token).ConfigureAwait(false);
                }
                catch
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    throw;
                }
            })).ToList();
            try
            {
                return (await Task.WhenAll(workers).ConfigureAwait(false)).Any(c => c);
            }
            catch
            {
                throw workers.First(w => w.IsFaulted).Exception!.InnerException!;
            }
        }
        finally
        {
            foreach (var extra in sessions.Skip(1))
            {
                await extra.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Every table of the run that has started, in plan order: this process's rows, batches and times; the run's
    // values per source and unresolved rows per reason.
    private async Task<List<TableBackfillSummary>> SummariesAsync(BackfillRun run)
    {
        var connection = await session.OpenAsync().ConfigureAwait(false);
        var phases = await RangeStore.PhasesAsync(connection, run.RunId).ConfigureAwait(false);
        var summaries = new List<TableBackfillSummary>();
        foreach (var table in run.Tables.Where(t => phases.GetValueOrDefault(t.Table) is { } phase && phase != RangeStore.Pending))
        {
            var ids = RangeStore.Ids(run.RunId, table.Table);
            var bySource = await RunStore.CountsAsync(connection, RunStore.WrittenBySource, ids).ConfigureAwait(false);
            var byReason = await RunStore.CountsAsync(
                connection, "SELECT `reason`, COUNT(*) FROM `orgscope_unresolved` WHERE `run_id` = @run_id AND `table_name` = @table GROUP BY `reason`", ids).ConfigureAwait(false);
            var state = run.StateOf(table.Table);
            var timer = state?.Timer;
            summaries.Add(new TableBackfillSummary(
                table.Table, timer?.RowsThisInvocation ?? 0, bySource.Values.Sum(), byReason.Values.Sum(), bySource, byReason,
                timer?.Batches ?? 0, state?.Retries ?? 0, timer?.Percentile(0.50) ?? TimeSpan.Zero, timer?.Percentile(0.99) ?? TimeSpan.Zero,
                timer?.Elapsed ?? TimeSpan.Zero));
        }

        return summaries;
    }

    private async Task TryMarkFailedAsync(long runId)
    {
        try
        {
            var connection = await session.OpenAsync().ConfigureAwait(false);
            await RunStore.SetStatusAsync(connection, runId, "failed", finished: false).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MySqlException or InvalidOperationException or System.IO.IOException)
        {
            // The run stays 'running'; --resume continues it all the same.
        }
    }
}
