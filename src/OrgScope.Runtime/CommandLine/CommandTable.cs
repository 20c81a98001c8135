using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OrgScope.Runtime.CommandLine;

/// <summary>One option: <c>--name value</c>, or a flag when <see cref="ValueName"/> is null.</summary>
public sealed record OptionSyntax(string Name, string? ValueName, string Description);

/// <summary>One command: its name, what it does, its own options, and whether it talks to the database.</summary>
public sealed record CommandSyntax(string Name, string Summary, bool UsesDatabase, IReadOnlyList<OptionSyntax> Options);

/// <summary>
/// Every command and option <c>orgscope</c> accepts: the parser, the help text and docs/cli.md all follow this table.
/// </summary>
public static class CommandTable
{
    /// <summary>Options every command takes.</summary>
    public static readonly IReadOnlyList<OptionSyntax> Common =
    [
        new("--assembly", "path", "the app's built assembly that carries the OrgScope plan (bin/.../App.dll)"),
        new("--connection", "string", "\"Server=...;Port=...;Database=...;User ID=...;Password=...\" (else DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME)"),
        new("--log-format", "text|json", "text (default), or one JSON object per line for machines"),
        new("--help", null, "show help"),
    ];

    /// <summary>The commands, in runbook order.</summary>
    public static readonly IReadOnlyList<CommandSyntax> Commands =
    [
        new("plan", "what will happen, in run order (no database needed)", false, []),
        new("check", "preflight: tables, columns and types, indexes, server version, row estimates", true, []),
        new("migrate", "run 001 (idempotent) and create OrgScope's own tables", true, []),
        new("backfill", "fill organization columns in keyset batches, with audit and checkpoints", true,
        [
            new("--dry-run", null, "write nothing at all; print what would be set (default from DRY_RUN=1)"),
            new("--batch-size", "N", "rows per batch transaction (default from BATCH_SIZE, else the engine's)"),
            new("--tables", "a,b", "only these tables (still in dependency order)"),
            new("--resume", null, "continue the last unfinished run (the default when there is one)"),
            new("--restart", null, "start a new run even if one is unfinished"),
            new("--max-threads-running", "N", "pause while the server's Threads_running is above N"),
        ]),
        new("validate", "run 002; exit 1 while NULLs remain that are not recorded as unresolved", true, []),
        new("report", "the manual-review report", true,
        [
            new("--unresolved", null, "rows that need a person: table, key, reason, candidate organizations"),
            new("--format", "text|csv|json", "text (default), csv or json"),
        ]),
        new("constrain", "run 003 (NOT NULL, FK); refuses while NULLs or orphans remain", true, []),
        new("rollback", "restore the values a run wrote, where they are still the ones it wrote", true,
        [
            new("--run", "ID", "the run to roll back (see the backfill summary)"),
        ]),
    ];

    /// <summary>The command of that name, or null.</summary>
    public static CommandSyntax? Find(string name) => Commands.FirstOrDefault(c => c.Name == name);

    /// <summary>The top-level help.</summary>
    public static string Help(string toolName)
    {
        var text = new StringBuilder()
            .Append("Usage: ").Append(toolName).Append(" <command> --assembly path/App.dll [--connection \"...\"] [options]\n\n")
            .Append("Commands (in runbook order):\n");
        foreach (var command in Commands)
        {
            text.Append("  ").Append(command.Name.PadRight(11)).Append(command.Summary).Append('\n');
        }

        text.Append("\nOptions of every command:\n");
        AppendOptions(text, Common);
        text.Append("\nEnvironment: DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME (when --connection is not given); DRY_RUN=1, BATCH_SIZE=N.\n")
            .Append("Exit codes: 0 ok, 1 validation failed or refused, 2 usage, 3 connection/configuration, 4 schema, 5 unexpected failure, 130 cancelled.\n")
            .Append("Run '").Append(toolName).Append(" <command> --help' for a command's options.\n");
        return text.ToString();
    }

    /// <summary>One command's help.</summary>
    public static string Help(string toolName, CommandSyntax command)
    {
        var text = new StringBuilder()
            .Append("Usage: ").Append(toolName).Append(' ').Append(command.Name).Append(" --assembly path/App.dll")
            .Append(command.UsesDatabase ? " [--connection \"...\"]" : "")
            .Append(command.Options.Count > 0 ? " [options]" : "").Append("\n\n")
            .Append(char.ToUpperInvariant(command.Summary[0])).Append(command.Summary.AsSpan(1)).Append(".\n");
        if (command.Options.Count > 0)
        {
            text.Append("\nOptions:\n");
            AppendOptions(text, command.Options);
        }

        text.Append("\nOptions of every command:\n");
        AppendOptions(text, Common);
        return text.ToString();
    }

    private static void AppendOptions(StringBuilder text, IEnumerable<OptionSyntax> options)
    {
        foreach (var option in options)
        {
            var left = option.ValueName is null ? option.Name : $"{option.Name} <{option.ValueName}>";
            text.Append("  ").Append(left.PadRight(30)).Append(option.Description).Append('\n');
        }
    }
}
