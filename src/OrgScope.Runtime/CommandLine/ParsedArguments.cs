using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.CommandLine;

/// <summary>
/// The command line, parsed against <see cref="CommandTable"/>: <c>command [--option value | --option=value | --flag]...</c>.
/// Anything not in the table is a usage error (exit 2) naming the offending token: a mistyped option must never
/// be ignored by a tool that writes to production.
/// </summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, string?> values;

    private ParsedArguments(CommandSyntax? command, Dictionary<string, string?> values, bool help, bool version)
    {
        Command = command;
        this.values = values;
        Help = help;
        Version = version;
    }

    /// <summary>The command; null only with top-level <c>--help</c> or <c>--version</c>.</summary>
    public CommandSyntax? Command { get; }

    /// <summary><c>--help</c> was given.</summary>
    public bool Help { get; }

    /// <summary><c>--version</c> was given.</summary>
    public bool Version { get; }

    /// <summary>Whether the option was given.</summary>
    public bool Has(string option) => values.ContainsKey(option);

    /// <summary>The option's value, or null when not given.</summary>
    public string? Value(string option) => values.TryGetValue(option, out var value) ? value : null;

    /// <summary>The option as a positive integer, or null when not given.</summary>
    public int? PositiveInt(string option)
    {
        var text = Value(option);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw Usage($"{option} must be a positive whole number, not '{text}'.");
    }

    /// <summary>The option's value, which must be one of <paramref name="allowed"/> (the first is the default).</summary>
    public string OneOf(string option, params string[] allowed)
    {
        var text = Value(option);
        if (text is null)
        {
            return allowed[0];
        }

        return allowed.Contains(text, StringComparer.Ordinal)
            ? text
            : throw Usage($"{option} must be {string.Join(" or ", allowed)}, not '{text}'.");
    }

    /// <summary>Parses the arguments.</summary>
    /// <exception cref="OperatorException">The command line is wrong (kind Usage): the message names the token.</exception>
    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw Usage("No command given. Usage: orgscope <command> --assembly path/App.dll [options]; run 'orgscope --help' for the commands.");
        }

        var first = args[0];
        if (first is "--help" or "-h" or "help" or "-?")
        {
            return new ParsedArguments(null, [], help: true, version: false);
        }

        if (first == "--version")
        {
            return new ParsedArguments(null, [], help: false, version: true);
        }

        var command = CommandTable.Find(first) ?? throw Usage(first.StartsWith('-')
            ? $"Expected a command before '{first}': one of {string.Join(", ", CommandTable.Commands.Select(c => c.Name))}."
            : $"Unknown command '{first}': use one of {string.Join(", ", CommandTable.Commands.Select(c => c.Name))}.");

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var help = false;
        for (var i = 1; i < args.Count; i++)
        {
            var token = args[i];
            if (token is "--help" or "-h" or "-?")
            {
                help = true;
                continue;
            }

            if (!token.StartsWith("--", StringComparison.Ordinal))
            {
                throw Usage($"Unexpected argument {Echo(token)} for '{command.Name}': options start with -- (a connection string goes after --connection); run 'orgscope {command.Name} --help'.");
            }

            var equals = token.IndexOf('=');
            var name = equals > 0 ? token[..equals] : token;
            var option = command.Options.Concat(CommandTable.Common).FirstOrDefault(o => o.Name == name)
                ?? throw Usage($"Unknown option '{name}' for '{command.Name}': run 'orgscope {command.Name} --help'.");
            if (values.ContainsKey(name))
            {
                throw Usage($"{name} is given twice.");
            }

            if (option.ValueName is null)
            {
                if (equals > 0)
                {
                    throw Usage($"{name} is a switch and takes no value.");
                }

                values[name] = null;
                continue;
            }

            string value;
            if (equals > 0)
            {
                value = token[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw Usage($"{name} needs a value: {name} <{option.ValueName}>.");
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                throw Usage($"{name} needs a value: {name} <{option.ValueName}>.");
            }

            values[name] = value;
        }

        return new ParsedArguments(command, values, help, version: false);
    }

    private static OperatorException Usage(string message) => new(FailureKind.Usage, message);

    // A stray connection string would carry the password into the error line: name it, never echo it.
    private static string Echo(string token) =>
        token.Contains("password", StringComparison.OrdinalIgnoreCase) || token.Contains("pwd", StringComparison.OrdinalIgnoreCase)
            ? "(something that looks like a connection string)"
            : $"'{token}'";
}
