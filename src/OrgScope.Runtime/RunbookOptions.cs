using System;
using System.Collections.Generic;

namespace OrgScope.Runtime;

/// <summary>How the runbook treats the live database: lock waits, retries, throttling. Defaults suit a busy OLTP primary.</summary>
public sealed record RunbookOptions
{
    /// <summary>innodb_lock_wait_timeout of the backfill session: a batch gives up quickly and retries rather than queue behind the app.</summary>
    public int LockWaitTimeoutSeconds { get; init; } = 2;

    /// <summary>Attempts per batch on deadlock (1213), lock wait timeout (1205) or a lost connection before the run fails.</summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>First retry delay; doubles per attempt (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause batches while the server's Threads_running is above this (pt-online-schema-change's --max-load); 0 turns it off.</summary>
    public int MaxThreadsRunning { get; init; } = 25;

    /// <summary>How long to wait before asking the throttles again while one says wait.</summary>
    public TimeSpan ThrottleDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Pause batches that write while any replica is further behind than this, measured with a heartbeat row this process
    /// writes on the primary and reads on each replica; null turns the replica-lag throttle off. A replica that cannot be
    /// read holds batches back too. Fractions of a second work: set <see cref="HeartbeatInterval"/> well below it.
    /// </summary>
    public TimeSpan? MaxReplicaLag { get; init; }

    /// <summary>
    /// Connection strings of the replicas to watch (a missing database means the primary's; a missing user, the primary's
    /// user and password). Empty: the replicas the primary lists (SHOW REPLICAS / SHOW SLAVE HOSTS, recursively), reached
    /// with the primary's credentials.
    /// </summary>
    public IReadOnlyList<string> Replicas { get; init; } = [];

    /// <summary>Also watch the replicas the primary lists when <see cref="Replicas"/> names some.</summary>
    public bool DiscoverReplicas { get; init; }

    /// <summary>How often the heartbeat is written on the primary, and at most how often replicas are read while they keep up.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>gh-ost's --max-lag-millis default: the lag limit the command line uses when replicas are named without one.</summary>
    public static readonly TimeSpan DefaultMaxReplicaLag = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Batch sizes are steered toward this batch time (GitLab's batch optimizer, pt-online-schema-change's --chunk-time):
    /// a batch holds its row locks for about this long. Each command starts at its batch size and grows by 10 % or
    /// shrinks by 20 % per batch within <see cref="MinBatchSize"/>..<see cref="MaxBatchSize"/>; a batch that hit a
    /// lock wait or ran twice as long shrinks the next at once. <see cref="TimeSpan.Zero"/>: every batch is the batch size.
    /// </summary>
    public TimeSpan TargetBatchTime { get; init; } = DefaultTargetBatchTime;

    /// <summary>
    /// 40 ms: the controller keeps the smoothed batch time between 80 and 100 % of the target, and a batch's p99 has
    /// been about twice its p50 here (35 / 63-73 ms at 2000 rows), so batches hold their row locks ~32-40 ms and the
    /// p99 stays under 100 ms, at the throughput of the fixed 2000 rows tuned before (docs/benchmarks/backfill.md).
    /// </summary>
    public static readonly TimeSpan DefaultTargetBatchTime = TimeSpan.FromMilliseconds(40);

    /// <summary>The smallest batch auto-sizing goes down to (a smaller first batch size lowers it to that).</summary>
    public int MinBatchSize { get; init; } = 100;

    /// <summary>The largest batch auto-sizing goes up to: the most rows one batch ever locks (a larger first batch size raises it to that).</summary>
    public int MaxBatchSize { get; init; } = 20_000;

    public static RunbookOptions Default { get; } = new();
}
