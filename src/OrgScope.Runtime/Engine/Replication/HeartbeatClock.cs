using System;
using System.Diagnostics;

namespace OrgScope.Runtime.Engine.Replication;

/// <summary>
/// The one clock heartbeats are written and read with: microseconds since the Unix epoch (UTC), taken once and then
/// advanced by a monotonic stopwatch. The writer and every reader are in this process, so lag never depends on the
/// servers' clocks agreeing (gh-ost does the same), and a wall-clock step (NTP) during a run does not fake lag.
/// </summary>
internal sealed class HeartbeatClock
{
    private readonly long _anchor = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
    private readonly Stopwatch _since = Stopwatch.StartNew();

    public long NowMicroseconds => _anchor + (long)_since.Elapsed.TotalMicroseconds;
}
