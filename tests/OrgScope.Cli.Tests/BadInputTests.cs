using System.Net;
using System.Net.Sockets;
using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

/// <summary>
/// Every bad input an operator can give → one clear line on stderr, the documented exit code, the password nowhere,
/// and nothing written: run with <c>migrate</c>, the first command that would write.
/// </summary>
[Collection("MariaDB")]
public sealed class BadInputTests(MariaDbServer server)
{
    [Theory]
    [InlineData("wrong-password", 3, "Access denied for user 'orgscope_cli'")]
    [InlineData("unknown-host", 3, "Unknown host 'no-such-host.invalid'")]
    [InlineData("refused", 3, "Connection refused by 127.0.0.1:")]
    [InlineData("unknown-database", 3, "Database 'no_such_db_h4' does not exist")]
    public async Task Connection_problems_are_one_line_with_exit_3_and_nothing_written(string problem, int exitCode, string expected)
    {
        await using var db = await SampleDatabase.CreateAsync(server, "bad_" + problem);
        var connection = problem switch
        {
            "wrong-password" => db.ConnectionOption.Replace(SampleDatabase.Password, "Wrong-Pw-7781-zz"),
            "unknown-host" => db.ConnectionOption.Replace($"Server={db.Host}", "Server=no-such-host.invalid"),
            "refused" => db.ConnectionOption.Replace($"Server={db.Host};Port={db.Port}", $"Server=127.0.0.1;Port={UnusedPort()}"),
            "unknown-database" => db.ConnectionOption.Replace($"Database={db.Database.Name}", "Database=no_such_db_h4"),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var result = await AssertNothingWrittenAsync(db, () => Cli.RunAsync(null, "migrate", "--assembly", Cli.SampleAssembly, "--connection", connection));

        Assert.True(result.ExitCode == exitCode, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(expected, line);
        Assert.Equal("", result.Out);
        Assert.DoesNotContain(SampleDatabase.Password, result.All);
        Assert.DoesNotContain("Wrong-Pw-7781-zz", result.All);
    }

    [Fact]
    public async Task A_missing_table_stops_migrate_with_exit_4_before_anything_is_written()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "bad_missing_table");
        await db.Database.ExecuteScriptAsync("DROP TABLE user_achievements;");

        var result = await AssertNothingWrittenAsync(db, () => Cli.RunAsync(db.Environment, "migrate", "--assembly", Cli.SampleAssembly));

        Assert.True(result.ExitCode == 4, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("Table `user_achievements` does not exist", line);
        Assert.Contains("Nothing was written", line);
        Assert.DoesNotContain(SampleDatabase.Password, result.All);
    }

    [Fact]
    public async Task A_column_of_the_wrong_type_stops_backfill_with_exit_4_before_anything_is_written()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "bad_wrong_type");
        await db.Database.ExecuteScriptAsync("ALTER TABLE tasks MODIFY assigned_to VARCHAR(50) NULL;");

        var result = await AssertNothingWrittenAsync(db, () => Cli.RunAsync(db.Environment, "backfill", "--assembly", Cli.SampleAssembly));

        Assert.True(result.ExitCode == 4, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("`tasks`.`assigned_to` (source AssignedTo) is varchar(50), expected BIGINT", line);
    }

    [Fact]
    public async Task A_missing_or_planless_assembly_is_exit_3_and_a_missing_one_is_named()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "bad_assembly");
        var missing = Path.Combine(Path.GetTempPath(), "no-such-app-h4.dll");

        var absent = await AssertNothingWrittenAsync(db, () => Cli.RunAsync(db.Environment, "migrate", "--assembly", missing));
        var planless = await AssertNothingWrittenAsync(db, () => Cli.RunAsync(db.Environment, "migrate", "--assembly", Cli.PlanlessAssembly));

        Assert.True(absent.ExitCode == 3, absent.ToString());
        Assert.Contains($"Assembly '{missing}' does not exist", Assert.Single(absent.ErrorLines));
        Assert.True(planless.ExitCode == 3, planless.ToString());
        Assert.Contains("carries no OrgScope plan", Assert.Single(planless.ErrorLines));
    }

    [Fact]
    public async Task An_app_built_by_another_OrgScope_version_is_exit_3_and_says_to_match_the_versions()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "bad_version");
        // The sample app as if built with another OrgScope: its embedded plan says so (same length, patched in place;
        // the plan is read from metadata, never loaded).
        var version = OrgScope.Plan.PlanReader.RendererVersion;
        var other = new string(version.Select(c => char.IsDigit(c) ? '9' : c).ToArray());
        var bytes = await File.ReadAllBytesAsync(Cli.SampleAssembly);
        var from = System.Text.Encoding.Unicode.GetBytes($"\"generator\": \"{version}\"");
        var at = bytes.AsSpan().IndexOf(from);
        Assert.True(at >= 0, "the sample's plan names no generator version");
        System.Text.Encoding.Unicode.GetBytes($"\"generator\": \"{other}\"").CopyTo(bytes, at);
        var app = Path.Combine(Path.GetTempPath(), $"orgscope-other-version-{Guid.NewGuid():N}.dll");
        await File.WriteAllBytesAsync(app, bytes);
        try
        {
            var result = await AssertNothingWrittenAsync(db, () => Cli.RunAsync(db.Environment, "migrate", "--assembly", app));

            Assert.True(result.ExitCode == 3, result.ToString());
            Assert.Contains($"was built by OrgScope {other}; this tool is OrgScope {version}. Use the same OrgScope version for the package and the tool.", Assert.Single(result.ErrorLines));
        }
        finally
        {
            File.Delete(app);
        }
    }

    [Theory]
    [InlineData(new[] { "migrate", "--assembly", "$APP", "--bogus" }, "Unrecognized command or argument '--bogus'")]
    [InlineData(new[] { "frobnicate", "--assembly", "$APP" }, "Unknown command 'frobnicate'")]
    [InlineData(new[] { "backfill", "--assembly", "$APP", "--batch-size", "0" }, "--batch-size must be a positive whole number, not '0'")]
    [InlineData(new[] { "backfill", "--assembly", "$APP", "--resume", "--restart" }, "--resume and --restart exclude each other")]
    [InlineData(new[] { "report", "--assembly", "$APP" }, "report needs --unresolved")]
    [InlineData(new[] { "migrate", "--assembly", "$APP", "--connection" }, "Required argument missing for option: '--connection'")]
    [InlineData(new[] { "backfill", "--assembly", "$APP", "--connection", "--dry-run" }, "--connection needs a value")]
    [InlineData(new[] { "migrate" }, "--assembly is required")]
    public async Task Usage_errors_are_one_line_with_exit_2(string[] args, string expected)
    {
        await using var db = await SampleDatabase.CreateAsync(server, "bad_usage");

        var result = await AssertNothingWrittenAsync(db, () => Cli.RunAsync(db.Environment, args.Select(a => a == "$APP" ? Cli.SampleAssembly : a).ToArray()));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_connection_string_given_without_connection_is_not_echoed()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "bad_stray", withData: false);

        var result = await Cli.RunAsync(null, "check", "--assembly", Cli.SampleAssembly, db.ConnectionOption);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("looks like a connection string", Assert.Single(result.ErrorLines));
        Assert.DoesNotContain(SampleDatabase.Password, result.All);
    }

    private static async Task<CliResult> AssertNothingWrittenAsync(SampleDatabase db, Func<Task<CliResult>> run)
    {
        var schema = await db.SchemaAsync();
        var checksums = await db.ChecksumsAsync();

        var result = await run();

        Assert.Equal(schema, await db.SchemaAsync());
        Assert.Equal(checksums, await db.ChecksumsAsync());
        Assert.DoesNotContain((await db.SchemaAsync()).Keys, t => t.StartsWith("orgscope_", StringComparison.Ordinal));
        return result;
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
