using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Runtime.Engine.Throttling;

namespace OrgScope.Runtime.Engine.Batching;

/// <summary>How one table's loop ended.</summary>
internal sealed record BatchLoopResult(int Retries, bool Cancelled);

/// <summary>
/// The one loop of every command that reads or writes in batches: before each batch the throttles (reporting why it
/// waits), then a batch of the size the <see cref="BatchSizer"/> asks for, in its own transaction under
/// <see cref="Retry"/>, then its time (fed back to the sizer) and a progress report; the cancellation token is looked
/// at between batches only, so the batch in flight always commits.
/// </summary>
internal sealed class BatchLoop(Retry retry, ThrottleGate gate, IProgress<BatchProgress>? progress)
{
    /// <summary>Runs <paramref name="work"/> to its end or to cancellation, recording into <paramref name="timer"/> (the table's, shared by its workers).</summary>
    public async Task<BatchLoopResult> RunAsync(IBatchWork work, BatchSizer sizer, BatchTimer timer, CancellationToken cancellationToken)
    {
        var retriesBefore = retry.Retries;
        while (!cancellationToken.IsCancellationRequested)
        {
            await gate.WaitAsync(
                wait =>
                {
                    var done = timer.RowsDone;
                    progress?.Report(new BatchProgress(
                        work.Table, "throttled", work.RunId, timer.BatchesDone, done, Math.Max(work.EstimatedRows, done), 0, 0, timer.RowsPerSecond, null,
                        TimeSpan.Zero, 0, wait.WaitedSoFar, wait.Reason, sizer.Size));
                },
                cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var batchSize = sizer.Size;
            var watch = Stopwatch.StartNew();
            var (step, attempts) = await retry.RunAsync(c => work.NextAsync(c, batchSize)).ConfigureAwait(false);
            if (step.End)
            {
                return new BatchLoopResult(retry.Retries - retriesBefore, Cancelled: false);
            }

            if (step.Rows == 0)
            {
                continue; // the work moved on (a phase change committed); nothing visited
            }

            var (rowsDone, batchesDone) = timer.Add(watch.Elapsed, step.Rows);
            sizer.Observe(watch.Elapsed, step.Rows, attempts);
            var total = Math.Max(work.EstimatedRows, rowsDone);
            progress?.Report(new BatchProgress(
                work.Table, step.Phase, work.RunId, batchesDone, rowsDone, total, step.Set, step.Unresolved, timer.RowsPerSecond,
                timer.Eta(rowsDone, total), watch.Elapsed, attempts, BatchSize: batchSize));
        }

        return new BatchLoopResult(retry.Retries - retriesBefore, Cancelled: true);
    }
}
