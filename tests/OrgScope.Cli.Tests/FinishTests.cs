using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

/// <summary><c>orgscope finish</c>: what becomes of OrgScope's own tables once the migration is done.</summary>
[Collection("MariaDB")]
public sealed class FinishTests(MariaDbServer server)
{
    private static readonly string[] RunTables = ["orgscope_runs", "orgscope_checkpoints", "orgscope_ranges", "orgscope_audit", "orgscope_unresolved"];

    [Fact]
    public async Task Before_constrain_it_refuses_and_drops_nothing()
    {
        await using var db = await SampleDatabase.CreateAsync(server, "finish_early");
        Assert.Equal(0, (await Cli.RunAsync(db.Environment, "migrate", "--assembly", Cli.SampleAssembly)).ExitCode);
        var before = await db.SchemaAsync();

        var result = await Cli.RunAsync(db.Environment, "finish", "--assembly", Cli.SampleAssembly);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("orgscope: finish refused, nothing dropped: the migration is not finished (`users`.`organization_id`, ", Assert.Single(result.ErrorLines));
        Assert.Equal(before, await db.SchemaAsync());
    }

    [Fact]
    public async Task After_constrain_it_drops_the_run_tables_keeps_the_change_log_and_optionally_the_audit()
    {
        await using var db = await ConstrainedAsync("finish_done");
        await using var kept = await ConstrainedAsync("finish_keep");

        var finished = await Cli.RunAsync(db.Environment, "finish", "--assembly", Cli.SampleAssembly);
        var again = await Cli.RunAsync(db.Environment, "finish", "--assembly", Cli.SampleAssembly);
        var keepAudit = await Cli.RunAsync(kept.Environment, "finish", "--keep-audit", "--assembly", Cli.SampleAssembly);

        Assert.True(finished.ExitCode == 0, finished.ToString());
        Assert.Contains("orgscope rollback --run cannot restore a run any more", finished.Out);
        Assert.Contains("Kept orgscope_schema_changes", finished.Out);
        var tables = (await db.SchemaAsync()).Keys;
        Assert.DoesNotContain(tables, t => t.StartsWith("orgscope_", StringComparison.Ordinal) && t != "orgscope_schema_changes");
        Assert.Contains("orgscope_schema_changes", tables);
        Assert.Contains("`organization_id` bigint(20) NOT NULL", await db.Database.ShowCreateTableAsync("tasks"));
        Assert.Contains("finish: nothing to drop", again.Out);
        Assert.True(keepAudit.ExitCode == 0, keepAudit.ToString());
        var keptTables = (await kept.SchemaAsync()).Keys;
        Assert.Contains("orgscope_audit", keptTables);
        Assert.Contains("orgscope_runs", keptTables);
        Assert.DoesNotContain("orgscope_checkpoints", keptTables);
    }

    private async Task<SampleDatabase> ConstrainedAsync(string prefix)
    {
        var db = await SampleDatabase.CreateAsync(server, prefix);
        foreach (var command in new[] { "migrate", "backfill" })
        {
            var run = await Cli.RunAsync(db.Environment, command, "--assembly", Cli.SampleAssembly);
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        foreach (var table in SampleDatabase.Tables.Where(t => t is not "organizations" and not "user_organizations"))
        {
            await db.Database.ExecuteScriptAsync($"UPDATE `{table}` SET organization_id = 1 WHERE organization_id IS NULL");
        }

        var constrain = await Cli.RunAsync(db.Environment, "constrain", "--assembly", Cli.SampleAssembly);
        Assert.True(constrain.ExitCode == 0, constrain.ToString());
        var tables = (await db.SchemaAsync()).Keys;
        Assert.All(RunTables, t => Assert.Contains(t, tables));
        return db;
    }
}
