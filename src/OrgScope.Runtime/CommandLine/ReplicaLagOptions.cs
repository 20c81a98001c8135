using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;
using MySqlConnector;

namespace OrgScope.Runtime.CommandLine;

/// <summary>
/// The replica-lag options of every command that writes in batches (backfill, rollback): which replicas to watch and
/// how far behind they may fall. <c>--max-replica-lag</c> alone watches the replicas the primary lists; <c>--replica</c>
/// names them (then the limit defaults to gh-ost's 1.5 s); <c>--discover-replicas</c> adds the listed ones to the named.
/// A replica named as <c>host[:port]</c> is reached with the primary's user, password and database, so no password
/// need be on the command line; a full connection string may carry its own.
/// </summary>
internal sealed class ReplicaLagOptions
{
    public readonly Option<double?> MaxReplicaLag = TypedOptions.PositiveSeconds("--max-replica-lag", "SECONDS",
        $"Pause while a replica is further behind than this, measured by a heartbeat (fractions allowed; default {RunbookOptions.DefaultMaxReplicaLag.TotalSeconds.ToString(CultureInfo.InvariantCulture)} when replicas are named; without --replica: the replicas the primary lists)");

    public readonly Option<IReadOnlyList<string>?> Replicas = TypedOptions.Repeated("--replica", "HOST[:PORT]|CONNECTION",
        "A replica to watch, once per replica: host[:port] (the primary's user and password) or a connection string",
        ConnectionStringOf);

    public readonly Option<bool> DiscoverReplicas = TypedOptions.Switch("--discover-replicas",
        "Also watch the replicas the primary lists (SHOW REPLICAS / SHOW SLAVE HOSTS, recursively)");

    public void AddTo(Command command)
    {
        command.Options.Add(MaxReplicaLag);
        command.Options.Add(Replicas);
        command.Options.Add(DiscoverReplicas);
    }

    /// <summary>
    /// <paramref name="options"/> with the replica lag the command line asked for (unchanged when it asked for none).
    /// Replica passwords are masked in all output from now on, as the primary's is.
    /// </summary>
    public RunbookOptions Apply(CommandContext context, RunbookOptions options)
    {
        var named = context.Value(Replicas) ?? [];
        var discover = context.Value(DiscoverReplicas);
        var limit = context.Value(MaxReplicaLag);
        if (limit is null && named.Count == 0 && !discover)
        {
            return options;
        }

        _ = context.Settings; // the primary's password first: protecting it replaces the output's redactor
        foreach (var replica in named)
        {
            context.Output.Protect(new MySqlConnectionStringBuilder(replica).Password);
        }

        return options with
        {
            MaxReplicaLag = limit is { } seconds ? TimeSpan.FromSeconds(seconds) : RunbookOptions.DefaultMaxReplicaLag,
            Replicas = named,
            DiscoverReplicas = discover,
        };
    }

    /// <summary>For the start line: "replica lag at most 1.5 s on db2:3306, db3:3306" (never a password).</summary>
    public static string Describe(RunbookOptions options)
    {
        if (options.MaxReplicaLag is not { } limit)
        {
            return "";
        }

        var named = options.Replicas.Select(r => new MySqlConnectionStringBuilder(r)).Select(b => b.Server + ":" + b.Port.ToString(CultureInfo.InvariantCulture)).ToList();
        var where = named.Count == 0 ? "the replicas the primary lists"
            : string.Join(", ", named) + (options.DiscoverReplicas ? " and the replicas the primary lists" : "");
        return $"; replica lag at most {limit.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture)} s on {where}";
    }

    // host, host:port, or a connection string (it has '='), as a connection string. Checked by the parser, so that a typo
    // is a usage error (exit 2) naming the replica by its position, before anything connects; the value itself may hold
    // a password and is not repeated.
    private static string? ConnectionStringOf(ArgumentResult result, string value, int position)
    {
        var which = $"--replica #{position.ToString(CultureInfo.InvariantCulture)}";
        if (value.Contains('=', StringComparison.Ordinal))
        {
            try
            {
                var builder = new MySqlConnectionStringBuilder(value);
                return string.IsNullOrEmpty(builder.Server)
                    ? TypedOptions.Error<string?>(result, $"{which} names no server: use host[:port] or \"Server=replica1;Port=3306;User ID=...;Password=...\".")
                    : builder.ConnectionString;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                return TypedOptions.Error<string?>(result,
                    $"{which} is not a valid MySQL connection string ({Redacted(ex.Message, value).TrimEnd('.')}): use host[:port] or \"Server=replica1;Port=3306;User ID=...;Password=...\".");
            }
        }

        var colon = value.LastIndexOf(':');
        var host = colon > 0 ? value[..colon] : value;
        uint port = 3306;
        if ((colon > 0 && !uint.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port)) || port is 0 or > 65535 || host.Length == 0 || host.Contains('@', StringComparison.Ordinal))
        {
            return TypedOptions.Error<string?>(result, $"{which} must be host[:port] (port 1-65535) or a connection string (Server=...;Port=...).");
        }

        return new MySqlConnectionStringBuilder { Server = host, Port = port }.ConnectionString;
    }

    // The driver's message about a bad connection string may quote one of its values (a password among them): keep
    // the keys it names, mask every value.
    private static string Redacted(string message, string value)
    {
        foreach (var pair in value.Split(';'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var part = equals < 0 ? pair.Trim() : pair[(equals + 1)..].Trim();
            if (part.Length >= 3)
            {
                message = message.Replace(part, "...", StringComparison.Ordinal);
            }
        }

        return message;
    }
}
