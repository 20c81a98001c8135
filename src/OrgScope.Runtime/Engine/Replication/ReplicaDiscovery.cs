using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Runtime.Connection;
using OrgScope.Runtime.Preflight;

namespace OrgScope.Runtime.Engine.Replication;

/// <summary>
/// Finds the replicas of the primary the way pt-online-schema-change's <c>--recursion-method=hosts</c> does: the
/// replicas the server lists (MySQL 8.0.22+ <c>SHOW REPLICAS</c>; MariaDB and older MySQL <c>SHOW SLAVE HOSTS</c>), each
/// reached with the primary's credentials at the host and port it reports, and the same asked of each replica in turn
/// (chained replicas), up to <see cref="MaxDepth"/> levels. A replica listed without a host (MySQL without report_host)
/// or a server that refuses the question stops the command with one line: a lag throttle that silently missed a
/// replica would run blind. (pt-osc's default "processlist" method guesses the port from the primary's; gh-ost and
/// Spirit do not discover at all and take replicas one by one, as <c>--replica</c> does.)
/// </summary>
internal static class ReplicaDiscovery
{
    public const int MaxDepth = 3;

    public static async Task<IReadOnlyList<ReplicaEndpoint>> DiscoverAsync(string primaryConnectionString, CancellationToken cancellationToken)
    {
        var found = new List<ReplicaEndpoint>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var primary = new MySqlConnectionStringBuilder(primaryConnectionString);
        var level = new List<(string ConnectionString, string Name)> { (primaryConnectionString, primary.Server + ":" + primary.Port.ToString(CultureInfo.InvariantCulture)) };
        seen.Add(level[0].Name);
        for (var depth = 1; depth <= MaxDepth && level.Count > 0; depth++)
        {
            var next = new List<(string, string)>();
            foreach (var (connectionString, name) in level)
            {
                foreach (var (host, port) in await ListAsync(connectionString, name, cancellationToken).ConfigureAwait(false))
                {
                    var replica = ReplicaEndpoint.Discovered(primaryConnectionString, host, port);
                    if (seen.Add(replica.Name))
                    {
                        found.Add(replica);
                        next.Add((replica.ConnectionString, replica.Name));
                    }
                }
            }

            level = next;
        }

        return found;
    }

    /// <summary>The replicas one server lists, as (host, port).</summary>
    private static async Task<List<(string Host, uint Port)>> ListAsync(string connectionString, string name, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var version = Convert.ToString(await DbSession.ScalarAsync(connection, null, "SELECT VERSION()", null).ConfigureAwait(false), CultureInfo.InvariantCulture) ?? "";
            var statement = ListStatement(ServerInfo.Parse(version));
            var replicas = new List<(string, uint)>();
            await using var command = DbSession.Command(connection, null, statement, null);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            int Column(string column) => Enumerable.Range(0, reader.FieldCount).First(i => string.Equals(reader.GetName(i), column, StringComparison.OrdinalIgnoreCase));
            var (idColumn, hostColumn, portColumn) = (Column("Server_Id"), Column("Host"), Column("Port"));
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var host = reader.IsDBNull(hostColumn) ? "" : reader.GetString(hostColumn);
                var serverId = Convert.ToString(reader.GetValue(idColumn), CultureInfo.InvariantCulture);
                if (string.IsNullOrWhiteSpace(host))
                {
                    throw new OperatorException(
                        FailureKind.Configuration,
                        $"{name} lists a replica (server_id {serverId}) without a host: set report_host (and report_port) on that replica, or name the replicas with --replica.");
                }

                replicas.Add((host, Convert.ToUInt32(reader.GetValue(portColumn), CultureInfo.InvariantCulture)));
            }

            return replicas;
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.SpecifiedAccessDeniedError or MySqlErrorCode.AccessDenied or MySqlErrorCode.DatabaseAccessDenied)
        {
            throw new OperatorException(
                FailureKind.Configuration,
                $"Discovering replicas: {name} refused to list its replicas ({ex.Message.TrimEnd('.')}): grant REPLICATION SLAVE (MySQL) or REPLICATION MASTER ADMIN (MariaDB), or name the replicas with --replica.",
                ex);
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.UnableToConnectToHost || ex.IsTransient)
        {
            throw new OperatorException(
                FailureKind.Configuration,
                $"Discovering replicas: {name} could not be reached ({ex.Message.TrimEnd('.')}): check that the address it reports (report_host, report_port) is reachable from here, or name the replicas with --replica.",
                ex);
        }
    }

    /// <summary>MySQL 8.0.22 renamed SHOW SLAVE HOSTS to SHOW REPLICAS (8.4 removed the old name); MariaDB has only SHOW SLAVE HOSTS (and its alias SHOW REPLICA HOSTS).</summary>
    internal static string ListStatement(ServerInfo server) =>
        server.Flavor == ServerFlavor.MySql && server.Version >= new Version(8, 0, 22) ? "SHOW REPLICAS" : "SHOW SLAVE HOSTS";
}
