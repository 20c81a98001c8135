namespace OrgScope.Runtime.Constraints;

/// <summary>How <c>orgscope constrain</c> treats the live database.</summary>
public sealed record ConstrainOptions
{
    /// <summary>1 GiB: about a minute of rebuild on a quiet server, and as much replica lag, as one statement.</summary>
    public const long DefaultDirectAlterLimitBytes = 1L << 30;

    /// <summary>
    /// Under the Script strategy, a table whose NOT NULL is still to be made and whose data and indexes are bigger than
    /// this (InnoDB's estimate) is refused before anything changes, naming the online strategy to use instead:
    /// <c>MODIFY ... NOT NULL</c> rebuilds the table, and every replica replays that rebuild as one statement.
    /// 0 turns the limit off.
    /// </summary>
    public long DirectAlterLimitBytes { get; init; } = DefaultDirectAlterLimitBytes;

    /// <summary>
    /// lock_wait_timeout of each ALTER: how long it may queue for the table's metadata lock behind the app's open
    /// transactions (every query on the table queues behind a waiting ALTER). A step that times out is tried again.
    /// </summary>
    public int DdlLockWaitTimeoutSeconds { get; init; } = 10;

    /// <summary>Attempts per step when it times out on the metadata lock (1205).</summary>
    public int DdlAttempts { get; init; } = 5;

    /// <summary>The Threads_running an online tool pauses at (its --max-load; it aborts at four times this).</summary>
    public int MaxThreadsRunning { get; init; } = 25;

    /// <summary>The online tool's executable, when it is not on PATH under its own name.</summary>
    public string? ToolPath { get; init; }

    public static ConstrainOptions Default { get; } = new();
}
