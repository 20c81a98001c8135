using System.Text.Json;
using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

/// <summary>The real tool in a child process (<c>dotnet orgscope.dll</c>), as an operator's shell runs it.</summary>
[Collection("MariaDB")]
public sealed class ToolProcessTests(MariaDbServer server)
{
    [Fact]
    public async Task The_runbook_runs_end_to_end_from_DB_variables_with_json_batch_lines()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "tool_runbook");
        var env = db.Environment;

        var check = await Cli.RunProcessAsync(env, "check", "--assembly", Cli.SampleAssembly);
        var migrate = await Cli.RunProcessAsync(env, "migrate", "--assembly", Cli.SampleAssembly);
        var backfill = await Cli.RunProcessAsync(env, "backfill", "--assembly", Cli.SampleAssembly, "--batch-size", "2", "--log-format", "json");
        var validate = await Cli.RunProcessAsync(env, "validate", "--assembly", Cli.SampleAssembly);
        var report = await Cli.RunProcessAsync(env, "report", "--unresolved", "--format", "csv", "--assembly", Cli.SampleAssembly);

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.True(backfill.ExitCode == 0, backfill.ToString());
        var events = backfill.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(events, e => e.GetProperty("event").GetString() == "batch" && e.GetProperty("table").GetString() == "tasks");
        Assert.Equal("summary", events[^1].GetProperty("event").GetString());
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("\ntasks,4,", report.Out);
        Assert.Equal(1, await db.CountAsync("SELECT organization_id FROM tasks WHERE id = 1"));
        Assert.DoesNotContain(SampleDatabase.Password, check.All + migrate.All + backfill.All + validate.All + report.All);
    }

    [Fact]
    public async Task A_wrong_password_in_DB_PASSWORD_is_one_line_exit_3_and_never_printed()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "tool_password", withData: false);
        var env = db.Environment;
        env["DB_PASSWORD"] = "Wrong-Tool-Pw-4417";

        var result = await Cli.RunProcessAsync(env, "migrate", "--assembly", Cli.SampleAssembly);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.StartsWith("orgscope: Access denied for user 'orgscope_cli'", Assert.Single(result.ErrorLines));
        Assert.DoesNotContain("Wrong-Tool-Pw-4417", result.All);
        Assert.DoesNotContain((await db.SchemaAsync()).Keys, t => t.StartsWith("orgscope_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_tool_answers_version_and_help_under_its_command_name()
    {
        var version = await Cli.RunProcessAsync(new Dictionary<string, string>(), "--version");
        var help = await Cli.RunProcessAsync(new Dictionary<string, string>(), "backfill", "--help");

        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal(OrgScope.Runtime.CommandLine.OrgScopeCommandLine.Version, version.Out.Trim());
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("orgscope backfill [options]", help.Out);
        Assert.Contains("--max-threads-running <N>", help.Out);
    }
}
