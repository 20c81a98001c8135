using System;
using System.Collections.Generic;

namespace OrgScope.Plan.Rendering.OnlineSchemaChange
{
    /// <summary>
    /// Where an online schema-change tool connects. <see cref="DefaultsFile"/> is a MySQL option file whose [client]
    /// section holds the password: it is never on a command line.
    /// </summary>
    public sealed record OnlineConnection(string Host, string Port, string User, string Database, string DefaultsFile);

    /// <summary>
    /// The command line of the tool that makes one table's column NOT NULL under an online strategy: the same arguments
    /// in 003-add-constraints.sh (with shell variables) and in <c>orgscope constrain</c> (with its connection), so what
    /// the operator reviewed is what runs. Both tools copy the table in chunks and swap it in at the end, throttled by
    /// the server's load and (pt-online-schema-change by default, gh-ost by --max-lag-millis) the replicas' lag.
    /// </summary>
    public static class OnlineCommand
    {
        /// <summary>The executable of the plan's strategy ("PtOnlineSchemaChange", "GhOst").</summary>
        public static string Executable(string strategy) => strategy switch
        {
            "PtOnlineSchemaChange" => "pt-online-schema-change",
            "GhOst" => "gh-ost",
            _ => throw new ArgumentException($"'{strategy}' is not an online schema-change strategy.", nameof(strategy)),
        };

        internal static string ToolName(Model.ConstraintStrategy strategy) => Executable(strategy.ToString());

        /// <summary>
        /// The arguments after the executable, for <paramref name="table"/> and its <paramref name="alter"/> clause.
        /// <paramref name="maxThreadsRunning"/> is the load the tool pauses at (the backfill's default, 25); it aborts at four times that.
        /// </summary>
        public static IReadOnlyList<string> Arguments(string strategy, string table, string alter, OnlineConnection connection, int maxThreadsRunning = 25)
        {
            var pause = "Threads_running=" + maxThreadsRunning.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var abort = "Threads_running=" + (4 * maxThreadsRunning).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return strategy switch
            {
                "PtOnlineSchemaChange" => new[]
                {
                    "--alter", alter,
                    // Child tables whose foreign keys reference this one are re-pointed at the new table.
                    "--alter-foreign-keys-method", "auto",
                    // Keeps the table's own triggers (004's insert triggers among them) on the new table.
                    "--preserve-triggers",
                    "--max-load", pause,
                    "--critical-load", abort,
                    "--chunk-time", "0.5",
                    "--execute",
                    $"F={connection.DefaultsFile},h={connection.Host},P={connection.Port},u={connection.User},D={connection.Database},t={table}",
                },
                "GhOst" => new[]
                {
                    "--conf=" + connection.DefaultsFile,
                    "--host=" + connection.Host,
                    "--port=" + connection.Port,
                    "--user=" + connection.User,
                    "--database=" + connection.Database,
                    "--table=" + table,
                    "--alter=" + alter,
                    // DB_HOST is the primary the runbook writes to; to read the binary log from a replica, point --host
                    // at it and drop this flag (docs/production-runbook.md).
                    "--allow-on-master",
                    "--max-load=" + pause,
                    "--critical-load=" + abort,
                    "--chunk-size=1000",
                    "--max-lag-millis=1500",
                    "--cut-over=default",
                    "--exact-rowcount",
                    "--concurrent-rowcount",
                    "--default-retries=120",
                    "--initially-drop-ghost-table",
                    "--ok-to-drop-table",
                    "--execute",
                },
                _ => throw new ArgumentException($"'{strategy}' is not an online schema-change strategy.", nameof(strategy)),
            };
        }
    }
}
