using System.Reflection;
using OrgScope.Runtime.CommandLine;
using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

/// <summary>The command line hosted in an app (plan from a loaded assembly) and on a terminal (live progress).</summary>
[Collection("MariaDB")]
public sealed class HostingTests(MariaDbServer server)
{
    [Fact]
    public async Task Hosted_in_app_the_plan_comes_from_the_apps_own_assembly_without_assembly_option()
    {
        var app = Assembly.LoadFrom(Cli.SampleAssembly);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var host = new CommandLineHost(stdout, stderr, IsTerminal: false, _ => null, PlanAssembly: app);

        var exit = await OrgScopeCommandLine.RunAsync(["plan"], host, CancellationToken.None);

        Assert.True(exit == 0, stderr.ToString());
        Assert.Contains("Organization table: organizations.id (BIGINT); 6 scoped tables", stdout.ToString());
        Assert.Contains("primary membership in user_organizations; then users.current_organization_id", stdout.ToString());
    }

    [Fact]
    public async Task On_a_terminal_backfill_shows_progress_and_ends_with_the_summary_table()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "terminal");
        var env = db.Environment;
        Assert.Equal(0, (await Cli.RunAsync(env, "migrate", "--assembly", Cli.SampleAssembly)).ExitCode);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var host = new CommandLineHost(stdout, stderr, IsTerminal: true, name => env.TryGetValue(name, out var v) ? v : null);

        var exit = await OrgScopeCommandLine.RunAsync(["backfill", "--assembly", Cli.SampleAssembly], host, CancellationToken.None);

        var text = stdout.ToString();
        Assert.True(exit == 0, text + stderr);
        Assert.True(text.Contains("rows/s", StringComparison.Ordinal), text);
        Assert.True(text.Contains("p50/p99", StringComparison.Ordinal), text);
        Assert.True(text.Contains("tasks: set by AssignedTo 2; unresolved:", StringComparison.Ordinal), text);
        Assert.True(text.Contains("backfill: run 1 done", StringComparison.Ordinal), text);
        Assert.DoesNotContain("\"event\"", text);
        Assert.DoesNotContain(SampleDatabase.Password, text + stderr);
    }
}
