using System.Text.Json;
using OrgScope.Runtime.CommandLine;

namespace OrgScope.Cli.Tests;

/// <summary>
/// The command line itself, no database: usage errors (exit 2, one line naming the token, nothing on stdout),
/// help per command from the definition, --version, response files, tab completion, JSON errors.
/// </summary>
public sealed class CommandLineTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Theory]
    [InlineData("", "No command given")]
    [InlineData("frobnicate", "Unknown command 'frobnicate': use one of plan, check, migrate, backfill")]
    [InlineData("--bogus", "Expected a command before '--bogus'")]
    [InlineData("--bogus plan", "Unrecognized command or argument '--bogus'")]
    [InlineData("plan --asembly $APP", "Unrecognized command or argument '--asembly'")]
    [InlineData("backfill --assembly $APP --dry-runn", "Unrecognized command or argument '--dry-runn'")]
    [InlineData("backfill --assembly $APP --dry-run=yes", "Unrecognized command or argument 'yes'")]
    [InlineData("backfill --assembly $APP --batch-size -5", "--batch-size must be a positive whole number, not '-5'")]
    [InlineData("backfill --assembly $APP --batch-size 1e3", "--batch-size must be a positive whole number, not '1e3'")]
    [InlineData("backfill --assembly $APP --batch-size 10 --batch-size 20", "Option '--batch-size' expects a single argument but 2 were provided")]
    [InlineData("backfill --assembly $APP --max-threads-running many", "--max-threads-running must be a whole number (0 or more), not 'many'")]
    [InlineData("backfill --assembly $APP --tables ,", "--tables needs at least one name")]
    [InlineData("backfill --assembly $APP --workers 0", "--workers must be a positive whole number, not '0'")]
    [InlineData("backfill --assembly $APP --range-rows many", "--range-rows must be a positive whole number, not 'many'")]
    [InlineData("backfill --assembly $APP --lease-seconds 1.5", "--lease-seconds must be a positive whole number, not '1.5'")]
    [InlineData("backfill --assembly $APP --target-batch-ms soon", "--target-batch-ms must be a whole number (0 or more), not 'soon'")]
    [InlineData("backfill --assembly $APP --min-batch-size 500 --max-batch-size 100", "--min-batch-size 500 is above --max-batch-size 100")]
    [InlineData("backfill --assembly $APP --max-batch-size 0", "--max-batch-size must be a positive whole number, not '0'")]
    [InlineData("backfill --assembly $APP --max-replica-lag 0", "--max-replica-lag must be a positive number of seconds such as 1.5 (at most 86400), not '0'")]
    [InlineData("rollback --assembly $APP --run 1 --max-replica-lag 1,5", "--max-replica-lag must be a positive number of seconds such as 1.5 (at most 86400), not '1,5'")]
    [InlineData("backfill --assembly $APP --max-replica-lag 86401", "not '86401'")]
    [InlineData("backfill --assembly $APP --replica", "Required argument missing for option: '--replica'")]
    [InlineData("backfill --assembly $APP --replica db2 --replica --dry-run", "--replica needs a value each time: --replica <HOST[:PORT]|CONNECTION>")]
    [InlineData("backfill --assembly $APP --resume --restart", "--resume and --restart exclude each other")]
    [InlineData("backfill --assembly", "Required argument missing for option: '--assembly'")]
    [InlineData("plan --assembly $APP --log-format xml", "--log-format must be text or json, not 'xml'")]
    [InlineData("report --assembly $APP --unresolved --format xlsx", "--format must be text or csv or json, not 'xlsx'")]
    [InlineData("rollback --assembly $APP", "Option '--run' is required")]
    [InlineData("report --assembly $APP --format csv", "report needs --unresolved")]
    [InlineData("rollback --assembly $APP --run 0", "--run must be a positive whole number, not '0'")]
    [InlineData("backfill --assembly $APP --follow --dry-run", "--follow writes, --dry-run writes nothing")]
    [InlineData("backfill --assembly $APP --follow-interval 5", "--follow-interval needs --follow")]
    [InlineData("backfill --assembly $APP --follow --follow-interval 0", "--follow-interval must be a positive whole number, not '0'")]
    [InlineData("constrain --assembly $APP --direct-alter-limit lots", "--direct-alter-limit must be a size such as 500MiB, 4GiB or 0, not 'lots'")]
    [InlineData("constrain --assembly $APP --direct-alter-limit 5XB", "--direct-alter-limit must be a size such as 500MiB, 4GiB or 0, not '5XB'")]
    [InlineData("constrain --assembly $APP --direct-alter-limit 99999999999T", "--direct-alter-limit is too big: '99999999999T'")]
    [InlineData("plan --assembly $APP --version", "Unrecognized command or argument '--version'")]
    [InlineData("plan @no-such-file.rsp", "Response file not found")]
    [InlineData("scan --column ,", "--column needs at least one name")]
    [InlineData("scan --out", "Required argument missing for option: '--out'")]
    [InlineData("scan --out . --column ClientId", "is a directory: name the file")]
    [InlineData("audit", "Option '--sarif' is required")]
    [InlineData("audit --sarif a.sarif --format xml", "--format must be text or md or json, not 'xml'")]
    [InlineData("audit --sarif ,", "--sarif needs at least one name")]
    public async Task A_usage_error_is_one_line_naming_the_token_with_exit_2(string commandLine, string expected)
    {
        var result = await Cli.RunAsync(NoEnvironment, Args(commandLine));

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("orgscope: ", line);
        Assert.Contains(expected, line);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("40", 40)]
    public void Max_threads_running_takes_zero_to_turn_the_server_load_throttle_off(string token, int expected)
    {
        // Throttles.Create registers the Threads_running throttle only above 0; the parser must let 0 through.
        var root = new OrgScopeRootCommand();
        var backfill = root.Subcommands.OfType<OrgScope.Runtime.CommandLine.Commands.BackfillCommand>().Single();
        var parsed = root.Parse(["backfill", "--assembly", "app.dll", "--max-threads-running", token]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(expected, parsed.GetValue(backfill.MaxThreadsRunning));
    }

    [Fact]
    public async Task Every_command_has_its_own_help_listing_its_options_and_the_common_ones()
    {
        var root = new OrgScopeRootCommand();
        foreach (var command in root.Subcommands)
        {
            var result = await Cli.RunAsync(NoEnvironment, command.Name, "--help");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($" {command.Name} [options]", result.Out);
            Assert.Contains(command.Description!, result.Out);
            var listed = result.Out.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("--", StringComparison.Ordinal))
                .Select(l => l.Split(' ')[0]).ToHashSet();
            var defined = command.Options.Concat(root.Options.Where(o => o.Recursive)).Select(o => o.Name).Where(n => n != "--help").ToHashSet();
            Assert.Equal(defined.Order(), listed.Order());
        }
    }

    [Fact]
    public async Task The_top_level_help_lists_the_commands_the_environment_and_the_exit_codes()
    {
        var result = await Cli.RunAsync(NoEnvironment, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var command in new OrgScopeRootCommand().Subcommands)
        {
            Assert.Contains($"  {command.Name} ", result.Out);
        }

        Assert.Contains("DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME", result.Out);
        Assert.Contains("BATCH_SIZE=N", result.Out);
        Assert.Contains("2 usage, 3 connection or configuration", result.Out);
    }

    [Fact]
    public async Task Version_prints_the_runtimes_version()
    {
        var result = await Cli.RunAsync(NoEnvironment, "--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(OrgScopeCommandLine.Version + "\n", result.Out.Replace("\r\n", "\n"));
        Assert.Matches(@"^\d+\.\d+\.\d+", OrgScopeCommandLine.Version);
    }

    [Fact]
    public async Task A_response_file_supplies_options_and_its_comments_are_skipped()
    {
        var file = Path.Combine(Path.GetTempPath(), $"orgscope-{Guid.NewGuid():N}.rsp");
        await File.WriteAllTextAsync(file, $"# kept out of shell history\n--assembly \"{Cli.SampleAssembly}\"\n--log-format json\n");
        try
        {
            var result = await Cli.RunAsync(NoEnvironment, "plan", "@" + file);

            Assert.True(result.ExitCode == 0, result.ToString());
            var events = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(6, events.Count(e => e.GetProperty("event").GetString() == "table"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_password_from_a_response_file_or_a_stray_argument_is_never_echoed()
    {
        const string secret = "Rsp-Secret-5521-q";
        var file = Path.Combine(Path.GetTempPath(), $"orgscope-{Guid.NewGuid():N}.rsp");
        await File.WriteAllTextAsync(file, $"\"Server=db;Database=app;User ID=ops;Password={secret}\"\n");
        try
        {
            var fromFile = await Cli.RunAsync(NoEnvironment, "check", "--assembly", Cli.SampleAssembly, "@" + file);
            var stray = await Cli.RunAsync(NoEnvironment, "check", "--assembly", Cli.SampleAssembly, $"Server=db;Pwd={secret}");
            var unknownCommand = await Cli.RunAsync(NoEnvironment, $"Server=db;Password={secret}");

            foreach (var result in new[] { fromFile, stray, unknownCommand })
            {
                Assert.True(result.ExitCode == 2, result.ToString());
                Assert.Contains("looks like a connection string", Assert.Single(result.ErrorLines));
                Assert.DoesNotContain(secret, result.All);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("orgscope ba", "backfill")]
    [InlineData("orgscope backfill --", "--batch-size --dry-run --max-threads-running --restart --resume --tables --assembly --connection --log-format")]
    [InlineData("orgscope report --format ", "csv json text")]
    [InlineData("orgscope plan --log-format j", "json")]
    public async Task Tab_completion_through_the_suggest_directive_offers_commands_options_and_values(string typed, string expected)
    {
        // What dotnet-suggest runs when the operator presses Tab: `orgscope [suggest:<cursor>] "<line so far>"`.
        var result = await Cli.RunAsync(NoEnvironment, $"[suggest:{typed.Length}]", typed);

        Assert.True(result.ExitCode == 0, result.ToString());
        var offered = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(expected.Split(' '), e => Assert.Contains(e, offered));
    }

    [Fact]
    public async Task With_json_logs_a_usage_error_is_one_json_line_on_stderr()
    {
        var result = await Cli.RunAsync(NoEnvironment, "plan", "--log-format", "json", "--bogus");

        Assert.Equal(2, result.ExitCode);
        var error = JsonDocument.Parse(Assert.Single(result.ErrorLines)).RootElement;
        Assert.Equal("error", error.GetProperty("event").GetString());
        Assert.Equal(2, error.GetProperty("exitCode").GetInt32());
        Assert.Contains("'--bogus'", error.GetProperty("message").GetString());
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("DRY_RUN", "maybe", "DRY_RUN must be 1 or 0 (true/false), not 'maybe'")]
    [InlineData("BATCH_SIZE", "lots", "BATCH_SIZE must be a positive whole number, not 'lots'")]
    public async Task A_bad_environment_default_is_a_usage_error_before_anything_connects(string variable, string value, string expected)
    {
        var result = await Cli.RunAsync(new Dictionary<string, string> { [variable] = value }, "backfill", "--assembly", Cli.SampleAssembly);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, Assert.Single(result.ErrorLines));
    }

    private static string[] Args(string commandLine) =>
        commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a == "$APP" ? Cli.SampleAssembly : a).ToArray();
}
