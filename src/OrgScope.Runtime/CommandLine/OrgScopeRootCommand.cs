using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Linq;
using OrgScope.Runtime.CommandLine.Commands;

namespace OrgScope.Runtime.CommandLine;

/// <summary>
/// The whole <c>orgscope</c> command line, defined once: the options every command takes, the commands in runbook
/// order, and the help sections about the environment and exit codes. Parsing, <c>--help</c> (per command),
/// <c>--version</c>, response files (<c>@args.rsp</c>), tab completion (the <c>[suggest]</c> directive that
/// dotnet-suggest calls) and docs/cli.md (checked by a test) all follow this definition.
/// To add a command: a class in Commands/ and one line in <see cref="Commands"/>. To add an option: see that command's file.
/// </summary>
internal sealed class OrgScopeRootCommand : RootCommand
{
    /// <summary>The environment variables orgscope reads, for the help and docs/cli.md.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> EnvironmentVariables =
    [
        ("DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME", "the connection when --connection is not given (--connection wins when both are); DB_PORT defaults to 3306"),
        ("DRY_RUN=1", "backfill defaults to --dry-run (1/true/yes/on or 0/false/no/off; anything else is exit 2, never \"write\")"),
        ("BATCH_SIZE=N", $"backfill's default --batch-size (else {BackfillOptions.DefaultBatchSize})"),
    ];

    /// <summary>The app's built assembly that carries the plan.</summary>
    public readonly Option<string?> Assembly = Common(TypedOptions.Text("--assembly", "path",
        "The app's built assembly that carries the OrgScope plan (bin/.../App.dll); optional when the app hosts the command line"));

    /// <summary>The connection string; else the DB_* variables.</summary>
    public readonly Option<string?> Connection = Common(TypedOptions.Text("--connection", "string",
        "\"Server=...;Port=...;Database=...;User ID=...;Password=...\" (else DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME)"));

    /// <summary>text, or JSON lines for machines.</summary>
    public readonly Option<string> LogFormat = Common(TypedOptions.OneOf("--log-format",
        "Text, or json: one JSON object per line on stdout (each with event and time), errors as one JSON line on stderr", "text", "json"));

    public OrgScopeRootCommand()
        : base("Runs the OrgScope migration of an app's database: check → migrate → backfill → validate → constrain.")
    {
        Options.Add(Assembly);
        Options.Add(Connection);
        Options.Add(LogFormat);
        foreach (var command in Commands())
        {
            Subcommands.Add(command);
        }

        // --version prints the runtime's version (the tool's, or the package's when hosted), not the host app's.
        Options.OfType<VersionOption>().Single().Action = new VersionAction();
        var help = Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithEnvironmentAction((HelpAction)help.Action!);
    }

    /// <summary>The commands, in runbook order: this list is where a new command is registered.</summary>
    private static IEnumerable<OrgScopeCommand> Commands() =>
    [
        new PlanCommand(),
        new CheckCommand(),
        new MigrateCommand(),
        new BackfillCommand(),
        new ValidateCommand(),
        new ReportCommand(),
        new ConstrainCommand(),
        new RollbackCommand(),
        new FinishCommand(),
        new ScanCommand(),
        new AuditCommand(),
    ];

    /// <summary>The exit codes, for the help and docs/cli.md.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> ExitCodeMeanings =>
    [
        (ExitCodes.Ok, "ok"),
        (ExitCodes.Refused, "validation failed or refused"),
        (ExitCodes.Usage, "usage"),
        (ExitCodes.Configuration, "connection or configuration"),
        (ExitCodes.Schema, "schema"),
        (ExitCodes.Failed, "unexpected failure"),
        (ExitCodes.Cancelled, "cancelled"),
    ];

    // Every command takes these, written before or after the command name.
    private static Option<T> Common<T>(Option<T> option)
    {
        option.Recursive = true;
        return option;
    }

    // The parser's help, and under the top-level help the environment variables and exit codes.
    private sealed class HelpWithEnvironmentAction(HelpAction help) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var exitCode = help.Invoke(parseResult);
            if (parseResult.CommandResult.Command is RootCommand)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Environment:");
                foreach (var (name, meaning) in EnvironmentVariables)
                {
                    output.WriteLine($"  {name}: {meaning}");
                }

                output.WriteLine();
                output.WriteLine("Exit codes: " + string.Join(", ", ExitCodeMeanings.Select(e => $"{e.Code} {e.Meaning}")) + ".");
            }

            return exitCode;
        }
    }

    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(OrgScopeCommandLine.Version);
            return ExitCodes.Ok;
        }
    }
}
