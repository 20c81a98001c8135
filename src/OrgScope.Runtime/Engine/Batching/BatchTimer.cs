using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace OrgScope.Runtime.Engine.Batching;

/// <summary>
/// One table's progress in this process: rows and batches (from where earlier invocations left them), rate, ETA and
/// batch-time percentiles. Shared by every worker of the process on that table, so it takes a lock.
/// </summary>
internal sealed class BatchTimer(long rowsBefore = 0, long batchesBefore = 0)
{
    private readonly Stopwatch _table = Stopwatch.StartNew();
    private readonly List<TimeSpan> _batches = [];
    private readonly object _lock = new();
    private long _rows;

    public long RowsThisInvocation
    {
        get { lock (_lock) return _rows; }
    }

    /// <summary>Rows done on the table, earlier invocations included.</summary>
    public long RowsDone => rowsBefore + RowsThisInvocation;

    public TimeSpan Elapsed => _table.Elapsed;

    public int Batches
    {
        get { lock (_lock) return _batches.Count; }
    }

    /// <summary>Batches done on the table, earlier invocations included.</summary>
    public long BatchesDone => batchesBefore + Batches;

    /// <summary>Records a committed batch; returns the table's rows and batches done with it.</summary>
    public (long RowsDone, long BatchesDone) Add(TimeSpan duration, long rows)
    {
        lock (_lock)
        {
            _batches.Add(duration);
            _rows += rows;
            return (rowsBefore + _rows, batchesBefore + _batches.Count);
        }
    }

    public double RowsPerSecond => _table.Elapsed.TotalSeconds > 0 ? RowsThisInvocation / _table.Elapsed.TotalSeconds : 0;

    public TimeSpan? Eta(long done, long total)
    {
        var rate = RowsPerSecond;
        return rate > 0 && total >= done ? TimeSpan.FromSeconds((total - done) / rate) : null;
    }

    public TimeSpan Percentile(double p)
    {
        List<TimeSpan> sorted;
        lock (_lock)
        {
            sorted = _batches.OrderBy(b => b).ToList();
        }

        if (sorted.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
