using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;

namespace OrgScope.Runtime.Engine.Replication;

/// <summary>What one look at a replica found.</summary>
internal enum ReplicaState
{
    /// <summary>The replica answered with a beat: <see cref="ReplicaReading.Lag"/> is how far behind it is.</summary>
    Measured,

    /// <summary>The replica answered but has not applied this process's first beat yet: behind by at least <see cref="ReplicaReading.Lag"/>.</summary>
    NoBeatYet,

    /// <summary>The replica could not be reached: its lag is unknown.</summary>
    Unreachable,

    /// <summary>The replica answered with an error (the database or the heartbeat table missing there, no privilege): its lag is unknown.</summary>
    Unreadable,
}

/// <param name="Lag">Measured: the writer's clock now minus the newest beat the replica applied. NoBeatYet: time since the first beat (a lower bound).</param>
/// <param name="Error">Unreachable, Unreadable: the driver's or the server's message.</param>
internal readonly record struct ReplicaReading(ReplicaEndpoint Replica, ReplicaState State, TimeSpan Lag, string? Error = null);

/// <summary>
/// Reads this process's heartbeat row on one replica, on a connection of its own (reopened after a failure). Lag is
/// measured by the heartbeat, not Seconds_Behind_Master, which reads 0 while the I/O thread is behind, NULL while the
/// SQL thread is stopped, and jumps with long transactions (pt-heartbeat's reason to exist).
/// </summary>
internal sealed class ReplicaLagProbe(ReplicaEndpoint replica, RunbookOptions options, HeartbeatClock clock) : IAsyncDisposable
{
    internal const string Read = "SELECT `beat_us` FROM `orgscope_heartbeat` WHERE `writer` = @writer";

    private readonly DbSession _session = new(replica.ConnectionString, options);

    public ReplicaEndpoint Replica => replica;

    /// <param name="writer">The heartbeat row to read (<see cref="HeartbeatWriter.Writer"/>).</param>
    /// <param name="firstBeat">When the writer wrote its first beat: a replica without the row is at least this far behind.</param>
    public async Task<ReplicaReading> ReadAsync(string writer, long firstBeat, CancellationToken cancellationToken)
    {
        MySqlConnection? connection = null;
        object? beat;
        try
        {
            connection = await _session.OpenAsync(cancellationToken).ConfigureAwait(false);
            beat = await DbSession.ScalarAsync(connection, null, Read, new Dictionary<string, object?> { ["@writer"] = writer }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MySqlException or InvalidOperationException or System.IO.IOException or TimeoutException)
        {
            // Connected, and the server said no (a server error, not a client one in 2000-2999 such as a timeout): the
            // replica is there but cannot be read. Otherwise the next read starts from a new connection.
            var answered = connection is { State: System.Data.ConnectionState.Open } && ex is MySqlException { ErrorCode: var code } && (int)code is < 2000 or >= 3000;
            if (!answered)
            {
                await _session.DropAsync().ConfigureAwait(false);
            }

            return new ReplicaReading(replica, answered ? ReplicaState.Unreadable : ReplicaState.Unreachable, TimeSpan.Zero, ex.Message.TrimEnd('.'));
        }

        var now = clock.NowMicroseconds;
        if (beat is null)
        {
            // Not even the first beat has arrived: behind by at least that long, maybe much more (stopped, far behind, or
            // the table is filtered out of replication).
            return new ReplicaReading(replica, ReplicaState.NoBeatYet, TimeSpan.FromMicroseconds(Math.Max(0, now - firstBeat)));
        }

        return new ReplicaReading(replica, ReplicaState.Measured, TimeSpan.FromMicroseconds(Math.Max(0, now - Convert.ToInt64(beat, System.Globalization.CultureInfo.InvariantCulture))));
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
