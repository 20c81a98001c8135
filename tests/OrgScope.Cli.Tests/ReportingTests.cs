using System.Text.Json;
using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

/// <summary>validate, report --unresolved and constrain, after a real <c>migrate</c> of the sample, with the NULLs set by hand.</summary>
[Collection("MariaDB")]
public sealed class ReportingTests(MariaDbServer server)
{
    // Every sample row gets an organization except tasks 3 (assigned to a user with none) and 4 (assigned to nobody).
    private const string FillAllButTwoTasks = """
        UPDATE users SET organization_id = COALESCE(current_organization_id, 1);
        UPDATE tasks SET organization_id = 1 WHERE id IN (1, 2);
        UPDATE rewards SET organization_id = 1;
        UPDATE user_rewards SET organization_id = 1;
        UPDATE achievements SET organization_id = 2;
        UPDATE user_achievements SET organization_id = 2;
        """;

    [Fact]
    public async Task Validate_fails_while_a_NULL_has_no_recorded_reason_and_passes_once_each_is_recorded()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "validate");
        await db.Database.ExecuteScriptAsync(FillAllButTwoTasks);

        var unexplained = await Cli.RunAsync(db.Environment, "validate", "--assembly", Cli.SampleAssembly);
        await db.Database.ExecuteScriptAsync("INSERT INTO orgscope_unresolved (table_name, row_key, reason, candidates, run_id) VALUES ('tasks', '3', 'referenced_row_unresolved', NULL, 1);");
        var oneLeft = await Cli.RunAsync(db.Environment, "validate", "--assembly", Cli.SampleAssembly);
        await db.Database.ExecuteScriptAsync("INSERT INTO orgscope_unresolved (table_name, row_key, reason, candidates, run_id) VALUES ('tasks', '4', 'no_source_value', NULL, 1);");
        var recorded = await Cli.RunAsync(db.Environment, "validate", "--assembly", Cli.SampleAssembly);

        Assert.True(unexplained.ExitCode == 1, unexplained.ToString());
        Assert.Contains("validate: FAILED: 2 row(s) are NULL with no recorded reason (tasks 2)", unexplained.Out);
        Assert.Contains("002-validate.sql", unexplained.Out);
        Assert.True(oneLeft.ExitCode == 1, oneLeft.ToString());
        Assert.Contains("(tasks 1)", oneLeft.Out);
        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        Assert.Contains("validate: passed. 2 row(s) wait for a person", recorded.Out);
        Assert.DoesNotContain(SampleDatabase.Password, unexplained.All + recorded.All);
    }

    [Fact]
    public async Task Validate_matches_composite_keys_in_the_backfills_row_key_format()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "validate_composite");
        await db.Database.ExecuteScriptAsync(FillAllButTwoTasks + """
            UPDATE tasks SET organization_id = 1 WHERE organization_id IS NULL;
            UPDATE user_rewards SET organization_id = NULL;
            """);

        var unexplained = await Cli.RunAsync(db.Environment, "validate", "--assembly", Cli.SampleAssembly);
        await db.Database.ExecuteScriptAsync("INSERT INTO orgscope_unresolved (table_name, row_key, reason, candidates, run_id) VALUES ('user_rewards', '1,1', 'sources_disagree', '1,2', 1);");
        var recorded = await Cli.RunAsync(db.Environment, "validate", "--assembly", Cli.SampleAssembly);

        Assert.True(unexplained.ExitCode == 1, unexplained.ToString());
        Assert.Contains("(user_rewards 1)", unexplained.Out);
        Assert.True(recorded.ExitCode == 0, recorded.ToString());
    }

    [Fact]
    public async Task Validate_before_migrate_is_a_schema_error()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "validate_early");

        var result = await Cli.RunAsync(db.Environment, "validate", "--assembly", Cli.SampleAssembly);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("run `orgscope migrate` first", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Report_unresolved_as_csv_and_json_has_table_key_reason_and_candidates()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "report");
        await db.Database.ExecuteScriptAsync("""
            INSERT INTO orgscope_unresolved (table_name, row_key, reason, candidates, run_id) VALUES
              ('user_rewards', '1,1', 'sources_disagree', '1,2', 7),
              ('tasks', '4', 'no_source_value', NULL, 7);
            """);

        var csv = await Cli.RunAsync(db.Environment, "report", "--unresolved", "--format", "csv", "--assembly", Cli.SampleAssembly);
        var json = await Cli.RunAsync(db.Environment, "report", "--unresolved", "--format", "json", "--assembly", Cli.SampleAssembly);

        Assert.True(csv.ExitCode == 0, csv.ToString());
        Assert.Equal("table,key,reason,candidates\ntasks,4,no_source_value,\nuser_rewards,\"1,1\",sources_disagree,1;2\n", csv.Out);
        Assert.True(json.ExitCode == 0, json.ToString());
        var rows = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("user_rewards", rows[1].GetProperty("table").GetString());
        Assert.Equal("1,1", rows[1].GetProperty("key").GetString());
        Assert.Equal("sources_disagree", rows[1].GetProperty("reason").GetString());
        Assert.Equal(new[] { "1", "2" }, rows[1].GetProperty("candidates").EnumerateArray().Select(c => c.GetString() ?? "").ToArray());
        Assert.Equal("7", rows[1].GetProperty("run").GetString());
        Assert.Empty(rows[0].GetProperty("candidates").EnumerateArray());
    }

    [Fact]
    public async Task Report_orders_keys_by_value_not_as_text()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "report_order");
        await db.Database.ExecuteScriptAsync("""
            INSERT INTO orgscope_unresolved (table_name, row_key, reason, candidates, run_id) VALUES
              ('tasks', '28', 'no_source_value', NULL, 1), ('tasks', '3', 'no_source_value', NULL, 1),
              ('tasks', '13', 'no_source_value', NULL, 1), ('tasks', '1', 'no_source_value', NULL, 1),
              ('user_rewards', '10,2', 'orphan_reference', NULL, 1), ('user_rewards', '9,11', 'orphan_reference', NULL, 1),
              ('user_rewards', '9,2', 'orphan_reference', NULL, 1);
            """);

        var json = await Cli.RunAsync(db.Environment, "report", "--unresolved", "--format", "json", "--assembly", Cli.SampleAssembly);

        Assert.True(json.ExitCode == 0, json.ToString());
        var keys = JsonDocument.Parse(json.Out).RootElement.EnumerateArray()
            .Select(r => r.GetProperty("table").GetString() + ":" + r.GetProperty("key").GetString());
        Assert.Equal(["tasks:1", "tasks:3", "tasks:13", "tasks:28", "user_rewards:9,2", "user_rewards:9,11", "user_rewards:10,2"], keys);
    }

    [Fact]
    public async Task Report_before_migrate_says_to_migrate()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "report_early", withData: false);

        var result = await Cli.RunAsync(db.Environment, "report", "--unresolved", "--assembly", Cli.SampleAssembly);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("`orgscope_unresolved` does not exist", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Constrain_lists_every_table_that_blocks_it_alters_nothing_and_applies_once_they_are_filled()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "constrain");
        await db.Database.ExecuteScriptAsync(FillAllButTwoTasks + "UPDATE rewards SET organization_id = 77;");
        var before = await db.SchemaAsync();

        var refused = await Cli.RunAsync(db.Environment, "constrain", "--assembly", Cli.SampleAssembly);
        var unchanged = await db.SchemaAsync();
        await db.Database.ExecuteScriptAsync("UPDATE tasks SET organization_id = 2 WHERE organization_id IS NULL; UPDATE rewards SET organization_id = 1;");
        var applied = await Cli.RunAsync(db.Environment, "constrain", "--assembly", Cli.SampleAssembly);
        var again = await Cli.RunAsync(db.Environment, "constrain", "--assembly", Cli.SampleAssembly);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("constrain refused, nothing altered: 2 of 6 tables are not ready:", refused.Out);
        Assert.Contains("  tasks: 2 rows with NULL organization_id, and the backfill has not run on tasks: run orgscope backfill.", refused.Out);
        Assert.Contains("  rewards: 1 row whose organization_id is not in organizations.id: orgscope validate counts them (orphan_organization_id); fix or delete them.", refused.Out);
        Assert.Equal("orgscope: constrain refused, nothing altered: rewards, tasks are not ready (rewards: 1 orphan(s); tasks: 2 NULL, not backfilled). Each is listed with what to run; run constrain again after.",
            Assert.Single(refused.ErrorLines));
        Assert.Equal(before, unchanged);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains("organization columns are NOT NULL with their foreign keys", applied.Out);
        Assert.Contains("`organization_id` bigint(20) NOT NULL", await db.Database.ShowCreateTableAsync("tasks"));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("constrain: nothing to change", again.Out);
    }

    [Fact]
    public async Task Constrain_refuses_a_table_over_the_direct_alter_limit_and_names_the_online_strategy()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "constrain_limit");
        await db.Database.ExecuteScriptAsync(FillAllButTwoTasks + "UPDATE tasks SET organization_id = 2 WHERE organization_id IS NULL; ANALYZE TABLE tasks;");
        var before = await db.SchemaAsync();

        var refused = await Cli.RunAsync(db.Environment, "constrain", "--assembly", Cli.SampleAssembly, "--direct-alter-limit", "1K");
        var unchanged = await db.SchemaAsync();
        var unlimited = await Cli.RunAsync(db.Environment, "constrain", "--assembly", Cli.SampleAssembly, "--direct-alter-limit", "0");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("  tasks: about ", refused.Out);
        Assert.Contains("Set <OrgScopeConstraintStrategy>PtOnlineSchemaChange</OrgScopeConstraintStrategy>", refused.Out);
        Assert.Contains("(--direct-alter-limit, now 1 KiB)", refused.Out);
        Assert.Equal(before, unchanged);
        Assert.True(unlimited.ExitCode == 0, unlimited.ToString());
    }

}
