using System;
using System.Collections.Generic;

namespace OrgScope.Runtime.Engine.Backfill;

/// <summary>
/// Progress from every worker of a process, one report at a time (the CLI's view is not thread-safe). Workers held back
/// for the same reason on the same table report as one worker does, once per <see cref="RunbookOptions.ThrottleDelay"/>:
/// a waiting or throttled report that repeats the table's last one (same phase, same reason) sooner than that is
/// dropped. Four workers behind one throttle printed four identical lines per delay; a log collector wants one.
/// </summary>
internal sealed class SharedProgress(IProgress<BatchProgress> inner, TimeSpan throttleDelay, Func<long>? clockMs = null) : IProgress<BatchProgress>
{
    private readonly object _lock = new();
    private readonly Func<long> _clockMs = clockMs ?? (() => Environment.TickCount64);

    // One worker's own reports come a full delay apart (plus the throttle's check); 90 % of it tells them from the
    // reports of the other workers waiting in the same round.
    private readonly long _sameRoundMs = (long)(throttleDelay.TotalMilliseconds * 0.9);
    private readonly Dictionary<(string Table, string Phase), (string? Reason, long AtMs)> _lastWait = [];

    public void Report(BatchProgress value)
    {
        lock (_lock)
        {
            if (value.ThrottledFor is not null)
            {
                var now = _clockMs();
                var key = (value.Table, value.Phase);
                if (_lastWait.TryGetValue(key, out var last) && last.Reason == value.ThrottleReason && now - last.AtMs < _sameRoundMs)
                {
                    return;
                }

                _lastWait[key] = (value.ThrottleReason, now);
            }

            inner.Report(value);
        }
    }
}
