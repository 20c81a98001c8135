using System;
using System.Globalization;
using MySqlConnector;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.Engine.Replication;

/// <summary>
/// A replica to measure lag on: where to connect (password included: never printed) and the name progress and errors
/// use for it (host:port, never the password).
/// </summary>
internal sealed class ReplicaEndpoint(string connectionString, string name)
{
    /// <summary>Where to connect, password included: pass it to a connection, never to an output.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>host:port, for progress and errors.</summary>
    public string Name { get; } = name;

    /// <summary>
    /// From a connection string the operator gave. A missing database defaults to the primary's (the heartbeat row lives
    /// there), and a missing user to the primary's user and password (one account across the fleet, as
    /// pt-online-schema-change assumes: no replica password on a command line); the replica is read with short timeouts,
    /// so one that does not answer throttles quickly instead of hanging.
    /// </summary>
    /// <param name="position">1 for the first replica given, for the error message (the text itself may hold a password).</param>
    /// <exception cref="OperatorException">Not a connection string, or no server in it.</exception>
    public static ReplicaEndpoint FromConnectionString(string connectionString, int position, string primaryConnectionString)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            // The parser names the bad option, not its value.
            throw new OperatorException(
                FailureKind.Configuration,
                $"Replica {position.ToString(CultureInfo.InvariantCulture)} is not a valid MySQL connection string ({ex.Message.TrimEnd('.')}): use \"Server=replica1;Port=3306;User ID=...;Password=...\".");
        }

        if (string.IsNullOrWhiteSpace(builder.Server))
        {
            throw new OperatorException(
                FailureKind.Configuration,
                $"Replica {position.ToString(CultureInfo.InvariantCulture)} names no server: use \"Server=replica1;Port=3306;User ID=...;Password=...\".");
        }

        var primary = new MySqlConnectionStringBuilder(primaryConnectionString);
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = primary.Database;
        }

        if (string.IsNullOrEmpty(builder.UserID))
        {
            builder.UserID = primary.UserID;
            builder.Password = primary.Password;
        }

        return Of(builder);
    }

    /// <summary>A replica the primary listed: the primary's credentials and database at the replica's address (as pt-online-schema-change does).</summary>
    public static ReplicaEndpoint Discovered(string primaryConnectionString, string host, uint port) =>
        Of(new MySqlConnectionStringBuilder(primaryConnectionString) { Server = host, Port = port });

    private static ReplicaEndpoint Of(MySqlConnectionStringBuilder builder)
    {
        builder.Pooling = false;
        builder.ConnectionTimeout = Math.Min(builder.ConnectionTimeout, 3u);
        builder.DefaultCommandTimeout = 3;
        return new ReplicaEndpoint(builder.ConnectionString, builder.Server + ":" + builder.Port.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The password, for redacting what the driver or server might echo back.</summary>
    public string? Password => new MySqlConnectionStringBuilder(ConnectionString).Password;

    public override string ToString() => Name;
}
