using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace OrgScope.Runtime.Engine.Throttling;

/// <summary>
/// Waits while the server's Threads_running is above the limit (pt-online-schema-change's --max-load). Asked at most
/// once per <see cref="CheckInterval"/> while the server is fine (as gh-ost polls its throttle status once a second):
/// SHOW GLOBAL STATUS aggregates every thread's counters, and asking before each 20 ms batch cost the batch a round
/// trip and the server that work for no better answer. While throttled it asks each time the gate does. Its own
/// connection, so one poll serves every worker of the process and a failed poll is not a batch retry.
/// </summary>
internal sealed class ThreadsRunningThrottle(string connectionString, RunbookOptions options) : IThrottle
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly DbSession _session = new(connectionString, options);
    private readonly Stopwatch _sinceFine = new();

    public async ValueTask<ThrottleVerdict> CheckAsync(CancellationToken cancellationToken)
    {
        if (_sinceFine.IsRunning && _sinceFine.Elapsed < CheckInterval)
        {
            return ThrottleVerdict.Go;
        }

        var (running, _) = await new Retry(_session, options).RunAsync(async connection =>
        {
            var rows = await DbSession.RowsAsync(connection, null, "SHOW GLOBAL STATUS LIKE 'Threads_running'", null).ConfigureAwait(false);
            return rows.Count == 0 ? 0L : Convert.ToInt64(rows[0][1], CultureInfo.InvariantCulture);
        }).ConfigureAwait(false);
        if (running <= options.MaxThreadsRunning)
        {
            _sinceFine.Restart();
            return ThrottleVerdict.Go;
        }

        _sinceFine.Reset();
        return ThrottleVerdict.Wait(string.Create(
            CultureInfo.InvariantCulture, $"server busy: Threads_running {running} is above the limit of {options.MaxThreadsRunning}"));
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
