using System;

namespace OrgScope.Runtime.Engine.Batching;

/// <summary>
/// Steers one table's batch size toward a target batch time, as GitLab's batched-migration optimizer steers its jobs
/// toward a time efficiency and pt-online-schema-change's --chunk-time steers its chunks. The time per row is smoothed
/// over recent batches (an exponential moving average); the next size grows by 10 % while the smoothed time of a batch
/// of the current size would be under <see cref="LowEfficiency"/> of the target, and shrinks by 20 % when over it.
/// A batch that needed a retry (lock wait timeout, deadlock, lost connection) or took more than
/// <see cref="SlowFactor"/> times the target shrinks the next one at once: the server or the application is telling
/// the backfill to hold fewer locks for less time. Pure logic: the loop feeds it each committed batch.
/// </summary>
internal sealed class BatchSizer
{
    public const double Grow = 1.1;
    public const double Shrink = 0.8;

    /// <summary>Weight of the newest batch in the moving average (about the last five batches count).</summary>
    public const double Smoothing = 0.3;

    /// <summary>Grow while a batch would take less than this share of the target; shrink once it would take more than the target.</summary>
    public const double LowEfficiency = 0.8;

    /// <summary>A batch this many times over the target shrinks the next at once, whatever the average says.</summary>
    public const double SlowFactor = 2.0;

    private readonly TimeSpan _target;
    private readonly int _min, _max;
    private double? _msPerRow;

    // An initial size outside the bounds widens them: the operator asked for it, so the sizer may stay there.
    private BatchSizer(int initial, TimeSpan target, int min, int max)
    {
        (_target, _min, _max) = (target, Math.Min(min, initial), Math.Max(max, initial));
        Size = initial;
    }

    /// <summary>The size of the next batch.</summary>
    public int Size { get; private set; }

    /// <summary>Smoothed milliseconds per row (null until a full batch was seen).</summary>
    public double? MillisecondsPerRow => _msPerRow;

    /// <summary>Every batch the same size (no target).</summary>
    public static BatchSizer Fixed(int size) => new(size, TimeSpan.Zero, size, size);

    /// <summary>The sizer <paramref name="options"/> ask for: toward their target batch time, or fixed when it is zero.</summary>
    public static BatchSizer For(RunbookOptions options, int initial) =>
        options.TargetBatchTime > TimeSpan.Zero
            ? Toward(options.TargetBatchTime, initial, options.MinBatchSize, options.MaxBatchSize)
            : Fixed(initial);

    /// <summary>Starts at <paramref name="initial"/> (which widens the bounds if outside them) and steers toward <paramref name="target"/>.</summary>
    public static BatchSizer Toward(TimeSpan target, int initial, int min, int max)
    {
        if (target <= TimeSpan.Zero || initial < 1 || min < 1 || max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(target), $"target {target}, bounds {min}..{max}: need a positive target and 1 <= min <= max.");
        }

        return new BatchSizer(initial, target, min, max);
    }

    /// <summary>A batch of the current size committed after <paramref name="attempts"/> attempt(s), visiting <paramref name="rows"/> rows in <paramref name="duration"/>.</summary>
    public void Observe(TimeSpan duration, int rows, int attempts)
    {
        if (_target <= TimeSpan.Zero)
        {
            return;
        }

        if (attempts > 1)
        {
            // Its time includes the lock wait and the backoff: not a measure of the work, but a reason to hold less.
            Resize(Shrink);
            return;
        }

        // A short batch (the end of a table, a sweep that found a few rows) costs mostly its fixed overhead: its time
        // per row says nothing about a full batch.
        if (rows * 2 >= Size && rows > 0)
        {
            var msPerRow = duration.TotalMilliseconds / rows;
            _msPerRow = _msPerRow is { } average ? average + (Smoothing * (msPerRow - average)) : msPerRow;
        }

        if (duration > _target * SlowFactor)
        {
            Resize(Shrink);
            return;
        }

        if (_msPerRow is { } smoothed)
        {
            var efficiency = smoothed * Size / _target.TotalMilliseconds;
            if (efficiency > 1.0)
            {
                Resize(Shrink);
            }
            else if (efficiency < LowEfficiency)
            {
                Resize(Grow);
            }
        }
    }

    private void Resize(double factor)
    {
        var next = (int)Math.Round(Size * factor);
        if (factor > 1 && next == Size)
        {
            next++; // 10 % of a tiny batch rounds to nothing
        }

        Size = Math.Clamp(next, _min, _max);
    }
}
