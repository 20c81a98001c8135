using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Runtime.Engine.Batching;

namespace OrgScope.Runtime.Engine.Backfill;

/// <summary>
/// One worker of a run, with its own connection: again and again, the first table (plan order) that is not done and
/// whose dependencies are, a range of it (<see cref="RangeStore.ClaimAsync"/>), its batches through the batch loop;
/// when there is nothing to take (every open range leased, a table waiting for the tables it reads from), it waits and
/// says why. Ends when every table of the run is done, or on cancellation (its range released for whoever comes next).
/// </summary>
internal sealed class BackfillWorker(BackfillRun run, DbSession session, int number)
{
    public const string Waiting = "waiting";

    private readonly Retry _retry = new(session, run.Options);
    private readonly Dictionary<string, BatchSizer> _sizers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lease _lease = new(run.Liveness.Owner(number), run.Liveness.LockName, run.Backfill.LeaseTimeout);

    /// <summary>True when cancelled before the run was done.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var loop = new BatchLoop(_retry, run.Gate, run.Progress);
        var waited = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            await run.Liveness.EnsureAsync().ConfigureAwait(false);
            var (phases, _) = await _retry.RunAsync(c => RangeStore.PhasesAsync(c, run.RunId)).ConfigureAwait(false);
            if (run.Tables.All(t => phases.GetValueOrDefault(t.Table) == RangeStore.Done))
            {
                return false;
            }

            var (claimed, why) = await ClaimAsync(phases).ConfigureAwait(false);
            if (claimed is null)
            {
                run.Progress?.Report(new BatchProgress(
                    why.Table, Waiting, run.RunId, 0, 0, 0, 0, 0, 0, null, TimeSpan.Zero, 0, waited, why.Reason));
                try
                {
                    await Task.Delay(run.Options.ThrottleDelay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                waited += run.Options.ThrottleDelay;
                continue;
            }

            waited = TimeSpan.Zero;
            var (table, range) = claimed.Value;
            if (await WorkAsync(loop, table, range, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return true;
    }

    // The first range this worker may take, or the first reason it may not take any.
    private async Task<((Plan.PlanTable Table, ClaimedRange Range)? Claimed, (string Table, string Reason) Why)> ClaimAsync(Dictionary<string, string> phases)
    {
        (string, string)? why = null;
        foreach (var table in run.Tables)
        {
            if (phases.GetValueOrDefault(table.Table) == RangeStore.Done)
            {
                continue;
            }

            var waitingFor = run.DependenciesOf(table).Where(d => phases.GetValueOrDefault(d) != RangeStore.Done).ToList();
            if (waitingFor.Count > 0)
            {
                why ??= (table.Table, $"waits for {string.Join(", ", waitingFor)} to be done (its sources read them)");
                continue;
            }

            var statements = (await run.StateAsync(table, _retry).ConfigureAwait(false)).Statements;
            var (claim, _) = await _retry.RunAsync(c => RangeStore.ClaimAsync(c, statements, run.RunId, _lease, run.Backfill.RangeRows)).ConfigureAwait(false);
            switch (claim)
            {
                case Claim.Work work:
                    return ((table, work.Range), default);
                case Claim.Wait wait:
                    why ??= (table.Table, wait.Reason);
                    break;
            }
        }

        return (null, why ?? ("", "every table is done or being finished by other workers"));
    }

    // One range to its end; true when cancelled (the range is released, so a resume or another worker goes on at once).
    private async Task<bool> WorkAsync(BatchLoop loop, Plan.PlanTable table, ClaimedRange range, CancellationToken cancellationToken)
    {
        var state = await run.StateAsync(table, _retry).ConfigureAwait(false);
        if (!_sizers.TryGetValue(table.Table, out var sizer))
        {
            sizer = _sizers[table.Table] = BatchSizer.For(run.Options, run.Backfill.BatchSize);
        }

        var work = new BackfillBatch(state.Statements, run.RunId, range, _lease, state.Estimate, run.BeforeStatement);
        var retriesBefore = _retry.Retries;
        try
        {
            var result = await loop.RunAsync(work, sizer, state.Timer, cancellationToken).ConfigureAwait(false);
            if (result.Cancelled)
            {
                await ReleaseAsync(table.Table, range).ConfigureAwait(false);
                return true;
            }

            return false;
        }
        catch (LeaseLostException)
        {
            return false; // another worker has it now, from its checkpoint: take something else
        }
        catch
        {
            await ReleaseAsync(table.Table, range).ConfigureAwait(false);
            throw;
        }
        finally
        {
            state.AddRetries(_retry.Retries - retriesBefore);
        }
    }

    private async Task ReleaseAsync(string table, ClaimedRange range)
    {
        try
        {
            await _retry.RunAsync(c => RangeStore.ReleaseAsync(c, run.RunId, table, range.RangeNo, _lease.Owner)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MySqlConnector.MySqlException or InvalidOperationException or System.IO.IOException)
        {
            // Its lease still expires, and the liveness lock goes with this process.
        }
    }
}
