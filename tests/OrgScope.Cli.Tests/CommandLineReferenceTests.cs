using System.CommandLine;
using System.Reflection;
using System.Text;
using OrgScope.Runtime.CommandLine;

namespace OrgScope.Cli.Tests;

/// <summary>
/// docs/cli.md cannot drift from the command line: its command reference is rendered from the definition
/// (OrgScopeRootCommand and Commands/) and must match, and every exit code is documented.
/// ORGSCOPE_UPDATE_SNAPSHOTS=1 rewrites the reference section (then read the diff).
/// </summary>
public sealed class CommandLineReferenceTests
{
    private const string Begin = "<!-- begin: command reference, generated from src/OrgScope.Runtime/CommandLine by CommandLineReferenceTests; ORGSCOPE_UPDATE_SNAPSHOTS=1 rewrites it -->";
    private const string End = "<!-- end: command reference -->";

    private static string CliDoc => Path.Combine(
        typeof(CommandLineReferenceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OrgScopeRepoRoot").Value!,
        "docs", "cli.md");

    [Fact]
    public void The_command_reference_in_docs_cli_md_is_the_one_the_definition_renders()
    {
        var doc = File.ReadAllText(CliDoc).Replace("\r\n", "\n");
        var start = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/cli.md has no generated command reference between '{Begin}' and '{End}'.");

        var current = doc[(start + Begin.Length)..end];
        var expected = "\n" + Render(new OrgScopeRootCommand());
        if (current != expected && Environment.GetEnvironmentVariable("ORGSCOPE_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(CliDoc, doc[..(start + Begin.Length)] + expected + doc[end..]);
            return;
        }

        Assert.True(current == expected,
            "docs/cli.md's command reference differs from the command-line definition; run the Cli tests with ORGSCOPE_UPDATE_SNAPSHOTS=1 and review the diff.\n--- expected\n" + expected);
    }

    [Fact]
    public void Every_exit_code_has_a_row_in_docs_cli_md()
    {
        var text = File.ReadAllText(CliDoc).Replace("\r\n", "\n");
        var doc = text[text.IndexOf("\n## Errors", StringComparison.Ordinal)..];
        var codes = typeof(ExitCodes).GetFields().Select(f => (int)f.GetValue(null)!).ToList();

        Assert.Equal(codes.Order(), OrgScopeRootCommand.ExitCodeMeanings.Select(e => e.Code).Order());
        Assert.All(codes, code => Assert.Contains($"\n| {code} |", doc));
    }

    private static string Render(OrgScopeRootCommand root)
    {
        var text = new StringBuilder();
        text.Append("\n### Options of every command\n\n");
        Table(text, root.Options.Where(o => o.Recursive && o is not System.CommandLine.Help.HelpOption).Append(root.Options.OfType<System.CommandLine.Help.HelpOption>().Single()));
        text.Append("\nWithout a command: `orgscope --help` (the commands, the environment, the exit codes), `orgscope --version`.\n");
        foreach (var command in root.Subcommands)
        {
            text.Append("\n### `orgscope ").Append(command.Name).Append("`\n\n").Append(command.Description).Append(".\n");
            if (command.Options.Count > 0)
            {
                text.Append('\n');
                Table(text, command.Options);
            }
        }

        text.Append("\n### Environment\n\n| variable | meaning |\n|---|---|\n");
        foreach (var (name, meaning) in OrgScopeRootCommand.EnvironmentVariables)
        {
            text.Append("| `").Append(name.Replace(", ", "`, `", StringComparison.Ordinal)).Append("` | ").Append(Cell(meaning)).Append(" |\n");
        }

        return text.Append('\n').ToString();
    }

    private static void Table(StringBuilder text, IEnumerable<Option> options)
    {
        text.Append("| option | meaning |\n|---|---|\n");
        foreach (var option in options)
        {
            var takesValue = option.Arity.MaximumNumberOfValues > 0;
            var syntax = string.Join(", ", new[] { option.Name }.Concat(option.Aliases.Where(a => !a.StartsWith('/')))
                .Select(n => takesValue ? $"`{n} <{option.HelpName}>`" : $"`{n}`"));
            var note = option.Required ? " (required)"
                : takesValue && option.HasDefaultValue && option.GetDefaultValue() is { } value ? $" (default: `{value}`)"
                : "";
            text.Append("| ").Append(Cell(syntax)).Append(" | ").Append(Cell(option.Description ?? "")).Append(note).Append(" |\n");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
