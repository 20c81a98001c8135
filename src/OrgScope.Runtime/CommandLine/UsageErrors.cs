using System;
using System.CommandLine;
using System.Linq;

namespace OrgScope.Runtime.CommandLine;

/// <summary>
/// The parser's errors as the one line orgscope prints for a usage error (exit 2): each names the offending token,
/// then where to read the options. A stray connection string is named, never echoed (it carries the password).
/// </summary>
internal static class UsageErrors
{
    private const string ConnectionStringStandIn = "(something that looks like a connection string: it goes after --connection)";

    public static string Describe(ParseResult parsed, OrgScopeRootCommand root)
    {
        var command = parsed.CommandResult.Command;
        var commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
        if (command == root && !parsed.Errors.Any(e => e.SymbolResult is null))
        {
            // No command: say which exist rather than the parser's "Required command was not provided".
            var first = parsed.UnmatchedTokens.FirstOrDefault();
            return Redact(parsed, first is null
                ? $"No command given. Usage: orgscope <command> --assembly path/App.dll [options], where <command> is one of {commands}; run 'orgscope --help'."
                : first.StartsWith('-')
                    ? $"Expected a command before '{first}': one of {commands}."
                    : $"Unknown command '{first}': use one of {commands}.");
        }

        var messages = parsed.Errors.Select(e => e.Message.Trim()).Distinct(StringComparer.Ordinal);
        var where = command == root ? "orgscope" : $"orgscope {command.Name}";
        return Redact(parsed, $"{string.Join(" ", messages)} Run '{where} --help' for the options.");
    }

    // Replaces every token that looks like a connection string, wherever the parser quoted it.
    private static string Redact(ParseResult parsed, string message)
    {
        foreach (var token in parsed.Tokens.Select(t => t.Value).Concat(parsed.UnmatchedTokens).Distinct(StringComparer.Ordinal))
        {
            if (LooksLikeConnectionString(token))
            {
                message = message.Replace(token, ConnectionStringStandIn, StringComparison.Ordinal);
            }
        }

        return message;
    }

    private static bool LooksLikeConnectionString(string token) =>
        token.Contains("password", StringComparison.OrdinalIgnoreCase) || token.Contains("pwd", StringComparison.OrdinalIgnoreCase);
}
