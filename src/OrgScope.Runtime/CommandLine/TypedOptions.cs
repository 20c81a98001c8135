using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;

namespace OrgScope.Runtime.CommandLine;

/// <summary>
/// The kinds of option <c>orgscope</c> has, each with the parser's errors worded for an operator (one line that names
/// the option and the value): a switch, a text value, a positive or non-negative whole number, one of a few words,
/// a comma list.
/// A new option is one of these, a field of its command, and a line in that command's constructor.
/// </summary>
internal static class TypedOptions
{
    /// <summary>A flag: present or not (<c>--dry-run</c>). It takes no value, so <c>--dry-run=false</c> is an error.</summary>
    public static Option<bool> Switch(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A text value (<c>--connection "..."</c>, <c>--assembly path</c>).</summary>
    public static Option<string?> Text(string name, string valueName, string description) =>
        Value<string?>(name, valueName, description, (_, token) => token);

    /// <summary>A positive whole number (<c>--batch-size 500</c>).</summary>
    public static Option<int?> PositiveInt(string name, string valueName, string description) =>
        Value<int?>(name, valueName, description, (result, token) =>
            int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : Error<int?>(result, $"{name} must be a positive whole number, not '{token}'."));

    /// <summary>A whole number, zero or more (<c>--target-batch-ms 0</c>: zero turns something off).</summary>
    public static Option<int?> NonNegativeInt(string name, string valueName, string description) =>
        Value<int?>(name, valueName, description, (result, token) =>
            int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : Error<int?>(result, $"{name} must be a whole number (0 or more), not '{token}'."));

    /// <summary>A positive whole number that may exceed int (a run id).</summary>
    public static Option<long?> PositiveLong(string name, string valueName, string description) =>
        Value<long?>(name, valueName, description, (result, token) =>
            long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : Error<long?>(result, $"{name} must be a positive whole number, not '{token}'."));

    /// <summary>A size in bytes, with an optional unit: <c>0</c>, <c>1048576</c>, <c>500MiB</c>, <c>4GiB</c>, <c>10GB</c> (units of 1024).</summary>
    public static Option<long?> ByteSize(string name, string valueName, string description) =>
        Value<long?>(name, valueName, description, (result, token) =>
        {
            var match = System.Text.RegularExpressions.Regex.Match(token, @"^(\d+)\s*(?:([KMGT])i?B?)?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return Error<long?>(result, $"{name} must be a size such as 500MiB, 4GiB or 0, not '{token}'.");
            }

            var shift = match.Groups[2].Value.ToUpperInvariant() switch { "K" => 10, "M" => 20, "G" => 30, "T" => 40, _ => 0 };
            return number > long.MaxValue >> shift
                ? Error<long?>(result, $"{name} is too big: '{token}'.")
                : number << shift;
        });

    /// <summary>A positive number of seconds, fractions allowed (<c>--max-replica-lag 1.5</c>), at most a day.</summary>
    public static Option<double?> PositiveSeconds(string name, string valueName, string description) =>
        Value<double?>(name, valueName, description, (result, token) =>
            double.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 86_400
                ? value
                : Error<double?>(result, $"{name} must be a positive number of seconds such as 1.5 (at most 86400), not '{token}'."));

    /// <summary>
    /// A value that may be given several times (<c>--replica a --replica b</c>), each checked by <paramref name="parse"/>
    /// (given the value and its 1-based position; null after it recorded an error with <see cref="Error{T}"/>), in order; null when not given. The values may hold passwords, so an
    /// error names a value by its position (<c>--replica #2</c>), never repeats it.
    /// </summary>
    public static Option<IReadOnlyList<string>?> Repeated(string name, string valueName, string description, Func<ArgumentResult, string, int, string?> parse) =>
        new(name)
        {
            Description = description,
            HelpName = valueName,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result =>
            {
                var values = new List<string>();
                foreach (var token in result.Tokens)
                {
                    if (string.IsNullOrWhiteSpace(token.Value) || token.Value.StartsWith("--", StringComparison.Ordinal))
                    {
                        return Error<IReadOnlyList<string>?>(result, $"{name} needs a value each time: {name} <{valueName}>.");
                    }

                    if (parse(result, token.Value, values.Count + 1) is not { } value)
                    {
                        return default; // parse recorded the error
                    }

                    values.Add(value);
                }

                return values;
            },
        };

    /// <summary>One of a few words; the first is the default. Tab completion offers them.</summary>
    public static Option<string> OneOf(string name, string description, params string[] allowed)
    {
        var option = Value<string>(name, string.Join('|', allowed), description, (result, token) =>
            allowed.Contains(token, StringComparer.Ordinal)
                ? token
                : Error<string>(result, $"{name} must be {string.Join(" or ", allowed)}, not '{token}'."));
        option.DefaultValueFactory = _ => allowed[0];
        option.CompletionSources.Add(allowed);
        return option;
    }

    /// <summary>A comma-separated list in one value (<c>--tables a,b</c>), blanks dropped; null when not given.</summary>
    /// <remarks>Not <c>string[]</c>: for an array the parser answers an empty one when the option is absent, which reads as "none".</remarks>
    public static Option<IReadOnlyList<string>?> CommaList(string name, string valueName, string description) =>
        Value<IReadOnlyList<string>?>(name, valueName, description, (result, token) =>
            token.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } items
                ? items
                : Error<IReadOnlyList<string>?>(result, $"{name} needs at least one name: {name} <{valueName}>."));

    // Every valued option takes exactly one token. The parser would take the next token even when it is another
    // option (`--connection --dry-run`), so a value that starts with "--" or is blank means the value was forgotten.
    private static Option<T> Value<T>(string name, string valueName, string description, Func<ArgumentResult, string, T> parse) =>
        new(name)
        {
            Description = description,
            HelpName = valueName,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result =>
            {
                if (result.Tokens.Count != 1)
                {
                    return Error<T>(result, $"{name} is given more than once.");
                }

                var token = result.Tokens[0].Value;
                return string.IsNullOrWhiteSpace(token) || token.StartsWith("--", StringComparison.Ordinal)
                    ? Error<T>(result, $"{name} needs a value: {name} <{valueName}>.")
                    : parse(result, token);
            },
        };

    /// <summary>Records a usage error on <paramref name="result"/> (exit 2, the message on one line).</summary>
    public static T Error<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
