using System.Text.Json;
using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

/// <summary><c>orgscope check</c> against the sample schema on a real MariaDB.</summary>
[Collection("MariaDB")]
public sealed class CheckTests(MariaDbServer server)
{
    [Fact]
    public async Task The_legacy_schema_passes_with_server_instant_and_estimates_through_DB_variables()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "check_ok");

        var result = await Cli.RunAsync(db.Environment, "check", "--assembly", Cli.SampleAssembly);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Server: MariaDB 10.", result.Out);
        Assert.Contains($"{SampleDatabase.User}@{db.Host}:{db.Port}/{db.Database.Name}", result.Out);
        Assert.Contains("ALGORITHM=INSTANT applies", result.Out);
        Assert.Contains("`tasks`.`organization_id` does not exist yet: `orgscope migrate` adds it.", result.Out);
        Assert.Contains("Estimated backfill time:", result.Out);
        Assert.DoesNotContain("WARNING", result.Out);
        Assert.DoesNotContain(SampleDatabase.Password, result.All);
    }

    [Fact]
    public async Task A_missing_source_index_is_a_warning_with_the_exact_CREATE_INDEX_that_fixes_it()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "check_index");
        await db.Database.ExecuteScriptAsync("DROP INDEX ix_tasks_assigned_to ON tasks;");
        const string fix = "CREATE INDEX `ix_tasks_assigned_to` ON `tasks` (`assigned_to`) ALGORITHM=INPLACE LOCK=NONE;";

        var before = await Cli.RunAsync(null, "check", "--assembly", Cli.SampleAssembly, "--connection", db.ConnectionOption);
        await db.Database.ExecuteScriptAsync(fix);
        var after = await Cli.RunAsync(null, "check", "--assembly", Cli.SampleAssembly, "--connection", db.ConnectionOption);

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains("WARNING tasks: `tasks`.`assigned_to` (source AssignedTo) is not indexed", before.Out);
        Assert.Contains("fix: " + fix, before.Out);
        Assert.DoesNotContain("not indexed", after.Out);
    }

    [Fact]
    public async Task A_column_of_the_wrong_type_is_an_error_and_exit_4()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "check_type");
        await db.Database.ExecuteScriptAsync("ALTER TABLE users MODIFY current_organization_id VARCHAR(36) NULL;");

        var result = await Cli.RunAsync(db.Environment, "check", "--assembly", Cli.SampleAssembly);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("ERROR   users: `users`.`current_organization_id` (source CurrentOrganizationId) is varchar(36), expected BIGINT", result.Out);
        Assert.Contains("check: 1 error(s)", result.Out);
    }

    [Fact]
    public async Task An_unsigned_organization_key_against_a_signed_plan_stops_check_and_migrate_before_anything_is_written()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "check_unsigned");
        await db.Database.ExecuteScriptAsync("ALTER TABLE organizations MODIFY id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT;");
        var schema = await db.SchemaAsync();

        var check = await Cli.RunAsync(db.Environment, "check", "--assembly", Cli.SampleAssembly);
        var migrate = await Cli.RunAsync(db.Environment, "migrate", "--assembly", Cli.SampleAssembly);

        Assert.True(check.ExitCode == 4, check.ToString());
        Assert.Contains("ERROR   organizations: `organizations`.`id` is bigint unsigned, but the plan gives every organization column BIGINT: the foreign keys to it cannot be created (signed against unsigned), so constrain would fail.", check.Out);
        Assert.Contains("fix: declare the [OrgRoot] key of OrgScope.Sample.Entities.Organization as `ulong`, or with [Column(TypeName = \"BIGINT UNSIGNED\")], and rebuild.", check.Out);
        // achievements' legacy column exists already, signed: it cannot pair with the unsigned key either.
        Assert.Contains("ERROR   achievements: `achievements`.`organization_id` (organization column) is bigint, but `organizations`.`id` is bigint unsigned: the foreign key to it cannot be created (signed against unsigned).", check.Out);
        Assert.Contains("fix: ALTER TABLE `achievements` MODIFY COLUMN `organization_id` BIGINT UNSIGNED NULL;", check.Out);
        Assert.Contains("check: 2 error(s)", check.Out);
        Assert.True(migrate.ExitCode == 4, migrate.ToString());
        Assert.StartsWith("orgscope: `organizations`.`id` is bigint unsigned", Assert.Single(migrate.ErrorLines));
        Assert.Contains("Fix: declare the [OrgRoot] key of OrgScope.Sample.Entities.Organization as `ulong`", migrate.Error);
        Assert.Contains("(and 1 more: run orgscope check) Nothing was written.", migrate.Error);
        Assert.Equal(schema, await db.SchemaAsync());
    }

    [Fact]
    public async Task Json_log_format_prints_only_parseable_lines_with_an_event()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "check_json");
        await db.Database.ExecuteScriptAsync("DROP INDEX ix_rewards_created_by ON rewards;");

        var result = await Cli.RunAsync(db.Environment, "check", "--assembly", Cli.SampleAssembly, "--log-format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var events = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("event").GetString())));
        Assert.Equal("MariaDb", events.Single(e => e.GetProperty("event").GetString() == "server").GetProperty("flavor").GetString());
        var warning = events.Single(e => e.GetProperty("event").GetString() == "finding" && e.GetProperty("severity").GetString() == "warning");
        Assert.Equal("CREATE INDEX `ix_rewards_created_by` ON `rewards` (`created_by`) ALGORITHM=INPLACE LOCK=NONE;", warning.GetProperty("fix").GetString());
        Assert.Equal(6, events.Count(e => e.GetProperty("event").GetString() == "estimate"));
        Assert.Equal(1, events.Single(e => e.GetProperty("event").GetString() == "summary").GetProperty("warnings").GetInt32());
    }

    [Fact]
    public async Task Json_log_format_reports_a_failure_as_one_json_line_on_stderr()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "check_json_fail", withData: false);
        var env = db.Environment;
        env["DB_PASSWORD"] = "Nope-Wrong-5521";

        var result = await Cli.RunAsync(env, "check", "--assembly", Cli.SampleAssembly, "--log-format=json");

        Assert.Equal(3, result.ExitCode);
        var error = JsonDocument.Parse(Assert.Single(result.ErrorLines)).RootElement;
        Assert.Equal("error", error.GetProperty("event").GetString());
        Assert.Equal(3, error.GetProperty("exitCode").GetInt32());
        Assert.Contains("Access denied", error.GetProperty("message").GetString());
        Assert.DoesNotContain("Nope-Wrong-5521", result.All);
    }
}
