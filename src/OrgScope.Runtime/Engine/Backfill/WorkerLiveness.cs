using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace OrgScope.Runtime.Engine.Backfill;

/// <summary>
/// This process's "I am alive" for the ranges its workers lease: a named lock (GET_LOCK) held on a connection of its
/// own for as long as the process runs. The server frees it the moment that connection ends (a crash, a SIGKILL, a
/// lost machine once the server drops the socket), so another process sees IS_FREE_LOCK and takes the ranges over at
/// once instead of waiting for their leases to expire. A lease's expiry still covers a process that hangs while
/// connected. Owner names are host:pid:random/wN, so workers on several machines never share one. A follow run holds one
/// named after its run (<see cref="Follow.FollowEngine.LockName"/>), so a later follow tells a killed one from a live one.
/// </summary>
internal sealed class WorkerLiveness(string connectionString, RunbookOptions options, string? lockName = null) : IAsyncDisposable
{
    private readonly DbSession _session = new(connectionString, options);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>This process: host:pid:random (unique on the server, readable in orgscope_ranges).</summary>
    public string Process { get; } = string.Create(
        CultureInfo.InvariantCulture, $"{Truncate(Environment.MachineName, 60)}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>The named lock (server-wide, at most 64 characters).</summary>
    public string LockName { get; } = lockName ?? "orgscope.worker." + Guid.NewGuid().ToString("N");

    public string Owner(int worker) => Process + "/w" + worker.ToString(CultureInfo.InvariantCulture);

    /// <summary>Holds the lock (again, after its connection was lost or killed). One round trip when it is held.</summary>
    public async Task EnsureAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var name = new Dictionary<string, object?> { ["@name"] = LockName };
            await new Retry(_session, options).RunAsync(async connection =>
            {
                var mine = await DbSession.ScalarAsync(connection, null, "SELECT IS_USED_LOCK(@name) = CONNECTION_ID()", name).ConfigureAwait(false);
                if (mine is null || Convert.ToInt64(mine, CultureInfo.InvariantCulture) != 1)
                {
                    var got = await DbSession.ScalarAsync(connection, null, "SELECT GET_LOCK(@name, 0)", name).ConfigureAwait(false);
                    if (got is null || Convert.ToInt64(got, CultureInfo.InvariantCulture) != 1)
                    {
                        throw new InvalidOperationException($"Could not take this process's liveness lock {LockName}.");
                    }
                }

                return 0;
            }).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync().ConfigureAwait(false); // closing the connection frees the lock
        _gate.Dispose();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
