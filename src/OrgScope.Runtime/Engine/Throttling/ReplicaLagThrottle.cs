using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Runtime.Connection;
using OrgScope.Runtime.Engine.Replication;

namespace OrgScope.Runtime.Engine.Throttling;

/// <summary>
/// Waits while any replica is more than <see cref="RunbookOptions.MaxReplicaLag"/> behind, measured by this process's
/// heartbeat (<see cref="HeartbeatWriter"/> on the primary, <see cref="ReplicaLagProbe"/> on each replica). A replica
/// that cannot be read, or has not applied the first beat yet, holds batches back too: the throttle never runs blind.
/// The replicas are those given (<see cref="RunbookOptions.Replicas"/>), else (or also, with
/// <see cref="RunbookOptions.DiscoverReplicas"/>) those the primary lists; found on first use. Asked at most once per
/// heartbeat interval while every replica is fine.
/// </summary>
internal sealed class ReplicaLagThrottle : IThrottle
{
    private static readonly TimeSpan FirstBeatPoll = TimeSpan.FromMilliseconds(20);

    private readonly string _primary;
    private readonly RunbookOptions _options;
    private readonly List<ReplicaEndpoint> _given;
    private readonly SecretRedactor[] _redactors;
    private readonly HeartbeatClock _clock = new();
    private readonly Stopwatch _sinceFine = new();
    private HeartbeatWriter? _writer;
    private List<ReplicaLagProbe>? _probes;

    /// <exception cref="OperatorException">A replica connection string is malformed, or the limit is not positive (before anything connects).</exception>
    public ReplicaLagThrottle(string primaryConnectionString, RunbookOptions options)
    {
        if (options.MaxReplicaLag is not { } max || max <= TimeSpan.Zero)
        {
            throw new OperatorException(FailureKind.Usage, $"The replica lag limit must be positive (got {options.MaxReplicaLag?.TotalSeconds.ToString(CultureInfo.InvariantCulture) ?? "none"} s).");
        }

        _primary = primaryConnectionString;
        _options = options;
        _given = options.Replicas.Select((r, i) => ReplicaEndpoint.FromConnectionString(r, i + 1, primaryConnectionString)).ToList();
        _redactors = _given.Select(r => r.Password).Append(new MySqlConnectionStringBuilder(primaryConnectionString).Password)
            .Select(p => new SecretRedactor(p)).ToArray();
    }

    /// <summary>The replicas being watched (empty before the first check).</summary>
    public IReadOnlyList<ReplicaEndpoint> Replicas => _probes?.Select(p => p.Replica).ToList() ?? [];

    private TimeSpan MaxLag => _options.MaxReplicaLag!.Value;

    public async ValueTask<ThrottleVerdict> CheckAsync(CancellationToken cancellationToken)
    {
        if (_sinceFine.IsRunning && _sinceFine.Elapsed < _options.HeartbeatInterval)
        {
            return ThrottleVerdict.Go;
        }

        ReplicaReading[] readings;
        if (_probes is null)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
            readings = await FirstReadingsAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            readings = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        }

        var reasons = readings.Select(Reason).OfType<string>().ToList();
        if (reasons.Count == 0)
        {
            _sinceFine.Restart();
            return ThrottleVerdict.Go;
        }

        _sinceFine.Reset();
        var writeError = _writer!.LastError is { } error ? " (heartbeat writes on the primary failing: " + error.TrimEnd('.') + ")" : "";
        return ThrottleVerdict.Wait(Redact(string.Join("; ", reasons) + writeError));
    }

    private string? Reason(ReplicaReading reading) => reading.State switch
    {
        ReplicaState.Unreachable => $"replica {reading.Replica.Name} unreachable ({reading.Error}): waiting until it answers",
        ReplicaState.Unreadable => $"replica {reading.Replica.Name} cannot be read ({reading.Error}): waiting until it can",
        ReplicaState.NoBeatYet => $"replica {reading.Replica.Name} has not applied this run's first heartbeat ({Seconds(reading.Lag)} ago): replication stopped, far behind, or orgscope_heartbeat not replicated",
        _ when reading.Lag > MaxLag => $"replica {reading.Replica.Name} lag {Seconds(reading.Lag)} is above {MaxLag.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture)} s",
        _ => null,
    };

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var replicas = _given.ToList();
        if (replicas.Count == 0 || _options.DiscoverReplicas)
        {
            var discovered = await ReplicaDiscovery.DiscoverAsync(_primary, cancellationToken).ConfigureAwait(false);
            replicas.AddRange(discovered.Where(d => replicas.All(r => !string.Equals(r.Name, d.Name, StringComparison.OrdinalIgnoreCase))));
            if (replicas.Count == 0)
            {
                throw new OperatorException(
                    FailureKind.Configuration,
                    "No replica to watch: the primary lists none (SHOW REPLICAS / SHOW SLAVE HOSTS is empty): name them with --replica, or leave --max-replica-lag out if this database has no replicas.");
            }
        }

        _writer = new HeartbeatWriter(_primary, _options, _clock);
        await _writer.StartAsync(cancellationToken).ConfigureAwait(false);
        _probes = replicas.Select(r => new ReplicaLagProbe(r, _options, _clock)).ToList();
    }

    // A replica that keeps up applies the first beat within milliseconds: wait for it (up to the lag limit, at most a
    // second) rather than open every run with a throttled line.
    private async Task<ReplicaReading[]> FirstReadingsAsync(CancellationToken cancellationToken)
    {
        var patience = TimeSpan.FromTicks(Math.Min(MaxLag.Ticks, TimeSpan.TicksPerSecond));
        var waited = Stopwatch.StartNew();
        var readings = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        while (readings.Any(r => r.State == ReplicaState.NoBeatYet) && waited.Elapsed < patience && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(FirstBeatPoll, CancellationToken.None).ConfigureAwait(false);
            readings = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        }

        return readings;
    }

    private async Task<ReplicaReading[]> ReadAllAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_probes!.Select(p => p.ReadAsync(_writer!.Writer, _writer.FirstBeat!.Value, cancellationToken))).ConfigureAwait(false);

    // Reasons are built from host:port and driver messages only; this catches a server or driver that echoes a secret.
    private string Redact(string text) => _redactors.Aggregate(text, (t, r) => r.Redact(t));

    public async ValueTask DisposeAsync()
    {
        foreach (var probe in _probes ?? [])
        {
            await probe.DisposeAsync().ConfigureAwait(false);
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
