using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// Waits while the server's Threads_running is above the limit (pt-online-schema-change's --max-load). Asked at most
/// once per <see cref="CheckInterval"/> while the server is fine (as gh-ost polls its throttle status once a second):
/// SHOW GLOBAL STATUS aggregates every thread's counters, and asking before each 20 ms batch cost the batch a round
/// trip and the server that work for no better answer. While throttled it asks every ThrottleDelay.
/// </summary>
internal sealed class Throttle(Retry retry, RunbookOptions options)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly Stopwatch _sinceFine = new();

    public async Task WaitAsync(Action<TimeSpan> onThrottled, CancellationToken cancellationToken)
    {
        if (options.MaxThreadsRunning <= 0 || (_sinceFine.IsRunning && _sinceFine.Elapsed < CheckInterval))
        {
            return;
        }

        var waited = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (running, _) = await retry.RunAsync(async connection =>
            {
                var rows = await DbSession.RowsAsync(connection, null, "SHOW GLOBAL STATUS LIKE 'Threads_running'", null).ConfigureAwait(false);
                return rows.Count == 0 ? 0L : Convert.ToInt64(rows[0][1], CultureInfo.InvariantCulture);
            }).ConfigureAwait(false);
            if (running <= options.MaxThreadsRunning)
            {
                _sinceFine.Restart();
                return;
            }

            onThrottled(waited);
            try
            {
                await Task.Delay(options.ThrottleDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            waited += options.ThrottleDelay;
        }
    }
}
