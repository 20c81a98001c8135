using System;
using System.Data;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// Runs one unit of work (a batch's transaction) until it commits: deadlock (1213), lock wait timeout (1205) and a
/// batch whose audit and update disagree are retried on the same connection; a lost connection is dropped, reopened
/// and retried. The unit re-reads its checkpoint first, so a retry after an ambiguous COMMIT resumes exactly there.
/// Exponential backoff with jitter; anything else is not retried.
/// </summary>
internal sealed class Retry(DbSession session, RunbookOptions options)
{
    private readonly Random _jitter = new();

    public int Retries { get; private set; }

    public async Task<(T Result, int Attempts)> RunAsync<T>(Func<MySqlConnection, Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            MySqlConnection? connection = null;
            try
            {
                connection = await session.OpenAsync().ConfigureAwait(false);
                return (await work(connection).ConfigureAwait(false), attempt);
            }
            catch (Exception ex) when (attempt < options.MaxAttempts && Classify(ex, connection) is var kind && kind != Failure.Permanent)
            {
                Retries++;
                if (kind == Failure.Connection)
                {
                    await session.DropAsync().ConfigureAwait(false);
                }

                await Task.Delay(Delay(attempt)).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan Delay(int attempt)
    {
        var ms = Math.Min(options.MaxRetryDelay.TotalMilliseconds, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ms * (0.5 + (_jitter.NextDouble() / 2)));
    }

    internal enum Failure
    {
        Permanent,
        Transaction,
        Connection,
    }

    internal static Failure Classify(Exception ex, MySqlConnection? connection)
    {
        if (ex is BatchRaceException)
        {
            return Failure.Transaction;
        }

        if (ex is MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout })
        {
            return connection is { State: ConnectionState.Open } ? Failure.Transaction : Failure.Connection;
        }

        // A connection that is no longer open failed under the batch: reconnect. One that never opened (wrong password,
        // missing database) fails at once unless the network itself dropped.
        if (connection is { State: not ConnectionState.Open } && ex is MySqlException or InvalidOperationException)
        {
            return Failure.Connection;
        }

        return IsConnectionLoss(ex) ? Failure.Connection : Failure.Permanent;
    }

    private static bool IsConnectionLoss(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case MySqlException m when (int)m.ErrorCode is 1927 or 1053 or 1317 or 2006 or 2013 or 1042 or 1158 or 1159 or 1160 or 1161:
                case MySqlException { IsTransient: true }:
                case IOException or SocketException or EndOfStreamException or TimeoutException:
                    return true;
            }
        }

        return false;
    }
}

/// <summary>The batch's UPDATE changed a different number of rows than it audited (a row changed between the two): retried.</summary>
internal sealed class BatchRaceException(string message) : Exception(message);
