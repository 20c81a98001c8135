using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace OrgScope.Runtime.Engine;

/// <summary>Waits while the server's Threads_running is above the limit (pt-online-schema-change's --max-load).</summary>
internal static class Throttle
{
    public static async Task WaitAsync(Retry retry, RunbookOptions options, Action<TimeSpan> onThrottled, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (options.MaxThreadsRunning > 0 && !cancellationToken.IsCancellationRequested)
        {
            var (running, _) = await retry.RunAsync(async connection =>
            {
                var rows = await DbSession.RowsAsync(connection, null, "SHOW GLOBAL STATUS LIKE 'Threads_running'", null).ConfigureAwait(false);
                return rows.Count == 0 ? 0L : Convert.ToInt64(rows[0][1], CultureInfo.InvariantCulture);
            }).ConfigureAwait(false);
            if (running <= options.MaxThreadsRunning)
            {
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
