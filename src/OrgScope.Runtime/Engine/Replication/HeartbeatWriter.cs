using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;

namespace OrgScope.Runtime.Engine.Replication;

/// <summary>
/// Writes this process's heartbeat row on the primary every <see cref="RunbookOptions.HeartbeatInterval"/>, on a
/// connection of its own and in the background, so beats keep coming while a batch runs or the loop is throttled (as
/// pt-heartbeat and gh-ost do). Each beat is one autocommit upsert by primary key. A failed write is remembered and
/// retried on the next tick with a new connection; readers then see the beat age, so lag grows and the backfill waits.
/// Disposing stops it and deletes the row.
/// </summary>
internal sealed class HeartbeatWriter : IAsyncDisposable
{
    internal const string Upsert =
        "INSERT INTO `orgscope_heartbeat` (`writer`, `beat_us`, `written_at`) VALUES (@writer, @beat, CURRENT_TIMESTAMP(6))" +
        " ON DUPLICATE KEY UPDATE `beat_us` = @beat, `written_at` = CURRENT_TIMESTAMP(6)";

    private readonly DbSession _session;
    private readonly HeartbeatClock _clock;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private volatile string? _lastError;

    public HeartbeatWriter(string primaryConnectionString, RunbookOptions options, HeartbeatClock clock)
    {
        _session = new DbSession(primaryConnectionString, options);
        _clock = clock;
        _interval = options.HeartbeatInterval;
        Writer = $"{Truncate(Environment.MachineName, 40)}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}:{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>This process's row: host:pid:random, so processes on several machines never share (or skew) a row.</summary>
    public string Writer { get; }

    /// <summary>When the first beat was written (the writer's clock), or null before <see cref="StartAsync"/>.</summary>
    public long? FirstBeat { get; private set; }

    /// <summary>Why the last write failed, or null when it succeeded (for the throttle's reason).</summary>
    public string? LastError => _lastError;

    /// <summary>Creates the table when missing (migrate normally did), writes the first beat and starts beating.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = await _session.OpenAsync(cancellationToken).ConfigureAwait(false);
        await DbSession.ExecuteAsync(connection, null, OrgScopeTables.HeartbeatDdl, null).ConfigureAwait(false);
        FirstBeat = await BeatAsync(connection).ConfigureAwait(false);
        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    await BeatAsync(await _session.OpenAsync(stop).ConfigureAwait(false)).ConfigureAwait(false);
                    _lastError = null;
                }
                catch (Exception ex) when (ex is MySqlException or InvalidOperationException or System.IO.IOException or TimeoutException)
                {
                    _lastError = ex.Message;
                    await _session.DropAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task<long> BeatAsync(MySqlConnection connection)
    {
        var beat = _clock.NowMicroseconds;
        await DbSession.ExecuteAsync(connection, null, Upsert, new Dictionary<string, object?> { ["@writer"] = Writer, ["@beat"] = beat }).ConfigureAwait(false);
        return beat;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        try
        {
            if (FirstBeat is not null)
            {
                var connection = await _session.OpenAsync().ConfigureAwait(false);
                await DbSession.ExecuteAsync(
                    connection, null, "DELETE FROM `orgscope_heartbeat` WHERE `writer` = @writer", new Dictionary<string, object?> { ["@writer"] = Writer }).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is MySqlException or InvalidOperationException or System.IO.IOException or TimeoutException)
        {
            // A row left behind is harmless: no other process reads it.
        }

        await _session.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
