using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace OrgScope.Runtime.Engine.Batching;

/// <summary>Per-table rate, ETA and batch-time percentiles for progress and summaries.</summary>
internal sealed class BatchTimer
{
    private readonly Stopwatch _table = Stopwatch.StartNew();
    private readonly List<TimeSpan> _batches = [];

    public long RowsThisInvocation { get; private set; }

    public TimeSpan Elapsed => _table.Elapsed;

    public int Batches => _batches.Count;

    public void Add(TimeSpan duration, long rows)
    {
        _batches.Add(duration);
        RowsThisInvocation += rows;
    }

    public double RowsPerSecond => _table.Elapsed.TotalSeconds > 0 ? RowsThisInvocation / _table.Elapsed.TotalSeconds : 0;

    public TimeSpan? Eta(long done, long total)
    {
        var rate = RowsPerSecond;
        return rate > 0 && total >= done ? TimeSpan.FromSeconds((total - done) / rate) : null;
    }

    public TimeSpan Percentile(double p)
    {
        if (_batches.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = _batches.OrderBy(b => b).ToList();
        var index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
