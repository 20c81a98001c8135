using System;
using System.Collections.Generic;

namespace OrgScope.Runtime;

/// <summary>What one <c>backfill</c> invocation does.</summary>
public sealed record BackfillOptions
{
    /// <summary>
    /// 2000 rows: on 1M tasks a batch's transaction takes ~35 ms (p99 ~57 ms), and the engine reaches 0.87 of the
    /// throughput of one set-based UPDATE; at 1000 the per-batch costs (checkpoint, commit, round trips) weigh more
    /// (0.72-0.80) for a lock held ~20 ms instead (docs/benchmarks/backfill.md). Lower it on a very hot table.
    /// </summary>
    public const int DefaultBatchSize = 2000;

    /// <summary>Count what would happen, per table, source and reason; write nothing at all (read-only transactions).</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Rows in the first batch (one short transaction each); from there batch sizes are steered toward
    /// <see cref="RunbookOptions.TargetBatchTime"/>. With a target of zero, every batch has this size.
    /// </summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Only these tables (plan order is kept); null or empty: every table of the plan.</summary>
    public IReadOnlyList<string>? Tables { get; init; }

    /// <summary>False (--resume, the default): continue the last unfinished run. True (--restart): abandon it and start a new run from the first key.</summary>
    public bool Restart { get; init; }

    /// <summary>
    /// Workers in this process, each with its own connection, cooperating on the run with every other process started
    /// with the same command against the same database (docs/backfill.md, "Workers").
    /// </summary>
    public int Workers { get; init; } = 1;

    /// <summary>Rows (any value) per range a worker claims: a table of 1M rows is 20 ranges at the default.</summary>
    public int RangeRows { get; init; } = DefaultRangeRows;

    /// <summary>50,000 rows: enough ranges to share a big table among several workers, few enough that claiming costs nothing.</summary>
    public const int DefaultRangeRows = 50_000;

    /// <summary>
    /// How long a claimed range stays a worker's without a committed batch: a worker that hangs loses it after this and
    /// another takes it over from its checkpoint (one whose process is gone loses it at once: docs/backfill.md).
    /// </summary>
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
