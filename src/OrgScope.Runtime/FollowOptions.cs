using System;

namespace OrgScope.Runtime;

/// <summary>How <c>backfill --follow</c> sweeps.</summary>
public sealed record FollowOptions
{
    /// <summary>The pause between two sweeps over every table.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Rows in a sweep's first batch.</summary>
    public int BatchSize { get; init; } = BackfillOptions.DefaultBatchSize;
}
