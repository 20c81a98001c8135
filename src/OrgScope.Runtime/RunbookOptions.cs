using System;

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

    /// <summary>How long to wait before checking Threads_running again while throttled.</summary>
    public TimeSpan ThrottleDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public static RunbookOptions Default { get; } = new();
}
