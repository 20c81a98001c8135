using System.CommandLine;

namespace OrgScope.Runtime.CommandLine;

/// <summary>--max-threads-running: the server-load throttle, for every command that writes in batches (backfill, rollback).</summary>
internal static class ThreadsRunningOption
{
    public static Option<int?> Create() => TypedOptions.NonNegativeInt("--max-threads-running", "N",
        $"Pause while the server's Threads_running is above N (default {RunbookOptions.Default.MaxThreadsRunning}; 0: off, for a server whose normal load is above any useful limit)");
}
