using System;
using System.Threading;
using System.Threading.Tasks;

namespace OrgScope.Runtime.Engine.Throttling;

/// <summary>
/// One reason to hold batches back (server load, replica lag, ...), asked before every batch of every batch-driven
/// command through <see cref="ThrottleGate"/>, as Spirit's throttler interface is. Each throttle keeps its own cadence
/// (it may answer from a value it measured a moment ago) and owns whatever connections it needs. The gate never asks
/// two questions at once, so an implementation needs no locking of its own.
/// </summary>
internal interface IThrottle : IAsyncDisposable
{
    /// <summary>Whether a batch may run now; when not, why (one line for progress and logs, never a secret).</summary>
    ValueTask<ThrottleVerdict> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>A throttle's answer: go, or wait and why.</summary>
internal readonly record struct ThrottleVerdict(string? WaitReason)
{
    public static ThrottleVerdict Go => default;

    public bool MayRun => WaitReason is null;

    public static ThrottleVerdict Wait(string reason) => new(reason);
}
