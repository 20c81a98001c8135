namespace OrgScope.Testing;

/// <summary>How a throwaway server of a replication setup starts (<see cref="ReplicatedMariaDb"/>).</summary>
public sealed record MariaDbServerOptions
{
    /// <summary>server_id: unique within one replication setup.</summary>
    public int ServerId { get; init; } = 1;

    /// <summary>Writes a binary log (ROW format): what a primary needs.</summary>
    public bool BinaryLog { get; init; }

    /// <summary>Reports 127.0.0.1 and its port to its primary (report_host, report_port), so the primary lists it.</summary>
    public bool ReportAddress { get; init; }

    /// <summary>A data directory from <see cref="MariaDbServer.InstallDataDirectoryAsync"/> to start from a copy of; null installs one.</summary>
    public string? DataTemplate { get; init; }

    public int BufferPoolMegabytes { get; init; } = 128;
}
