using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace OrgScope.Runtime.Engine.Throttling;

/// <summary>
/// Several throttles as one: a batch runs only when every one lets it. Every throttle is asked each time (not only
/// until the first says wait), so progress names every reason at once and the operator is not surprised by the next.
/// </summary>
internal sealed class AllThrottles(IReadOnlyList<IThrottle> throttles) : IThrottle
{
    public async ValueTask<ThrottleVerdict> CheckAsync(CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        foreach (var throttle in throttles)
        {
            var verdict = await throttle.CheckAsync(cancellationToken).ConfigureAwait(false);
            if (!verdict.MayRun)
            {
                reasons.Add(verdict.WaitReason!);
            }
        }

        return reasons.Count == 0 ? ThrottleVerdict.Go : ThrottleVerdict.Wait(string.Join("; ", reasons));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var throttle in throttles.Reverse())
        {
            await throttle.DisposeAsync().ConfigureAwait(false);
        }
    }
}
