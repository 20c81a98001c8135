using System.Collections.Generic;

namespace OrgScope.Runtime;

/// <summary>What one <c>backfill</c> invocation does.</summary>
public sealed record BackfillOptions
{
    public const int DefaultBatchSize = 1000;

    /// <summary>Count what would happen, per table, source and reason; write nothing at all (read-only transactions).</summary>
    public bool DryRun { get; init; }

    /// <summary>Rows per batch (one short transaction each).</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Only these tables (plan order is kept); null or empty: every table of the plan.</summary>
    public IReadOnlyList<string>? Tables { get; init; }

    /// <summary>False (--resume, the default): continue the last unfinished run. True (--restart): abandon it and start a new run from the first key.</summary>
    public bool Restart { get; init; }
}
