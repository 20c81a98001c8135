using System;
using System.Threading;
using System.Threading.Tasks;

namespace OrgScope.Runtime.Engine.Throttling;

/// <summary>How long a loop has been held back so far, and why.</summary>
internal readonly record struct ThrottleWait(string Reason, TimeSpan WaitedSoFar);

/// <summary>
/// What every batch loop passes before each batch: asks the command's throttle and, while it says wait, reports why
/// and asks again after <see cref="RunbookOptions.ThrottleDelay"/>. Shared by every worker of a process: the throttle
/// is asked by one worker at a time (the others wait for that answer, then usually get a remembered one).
/// </summary>
internal sealed class ThrottleGate(IThrottle throttle, TimeSpan delay) : IAsyncDisposable
{
    private readonly SemaphoreSlim _asking = new(1, 1);

    /// <summary>Returns when a batch may run, or when <paramref name="cancellationToken"/> is cancelled (never throws for it).</summary>
    public async Task WaitAsync(Action<ThrottleWait> onWaiting, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            ThrottleVerdict verdict;
            try
            {
                await _asking.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                verdict = await throttle.CheckAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _asking.Release();
            }

            if (verdict.MayRun)
            {
                return;
            }

            onWaiting(new ThrottleWait(verdict.WaitReason!, waited));
            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            waited += delay;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await throttle.DisposeAsync().ConfigureAwait(false);
        _asking.Dispose();
    }
}
