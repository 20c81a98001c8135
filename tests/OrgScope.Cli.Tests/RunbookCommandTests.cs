using System.Diagnostics;
using System.Text.Json;
using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

/// <summary>migrate, backfill and rollback through the command line: options, environment defaults, Ctrl+C.</summary>
[Collection("MariaDB")]
public sealed class RunbookCommandTests(MariaDbServer server)
{
    [Fact]
    public async Task DRY_RUN_1_makes_backfill_a_dry_run_that_writes_nothing()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "dry_env");
        var checksums = await db.ChecksumsAsync();
        var env = db.Environment;
        env["DRY_RUN"] = "1";

        var result = await Cli.RunAsync(env, "backfill", "--assembly", Cli.SampleAssembly);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("dry run: nothing will be written", result.Out);
        Assert.Contains("backfill: dry run done, nothing written", result.Out);
        Assert.Equal(checksums, await db.ChecksumsAsync());
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM orgscope_runs"));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM orgscope_audit"));
    }

    [Fact]
    public async Task An_unknown_table_in_tables_is_a_usage_error()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "tables_unknown");

        var result = await Cli.RunAsync(db.Environment, "backfill", "--assembly", Cli.SampleAssembly, "--tables", "tasks,taks");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("taks", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Backfill_then_rollback_by_run_id_restores_the_values_through_the_command_line()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "rollback");
        var before = await db.ChecksumsAsync();

        var backfill = await Cli.RunAsync(db.Environment, "backfill", "--assembly", Cli.SampleAssembly, "--log-format", "json");
        var summary = backfill.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).Last();
        var run = summary.GetProperty("run").GetInt64();
        var rollback = await Cli.RunAsync(db.Environment, "rollback", "--assembly", Cli.SampleAssembly, "--run", run.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(backfill.ExitCode == 0, backfill.ToString());
        Assert.True(summary.GetProperty("rowsSet").GetInt64() > 0, backfill.Out);
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains($"rollback: run {run} restored", rollback.Out);
        Assert.Equal(before, await db.ChecksumsAsync());
    }

    [Fact]
    public async Task Workers_range_rows_and_batch_sizing_options_reach_the_engine()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "workers");

        var result = await Cli.RunAsync(db.Environment, "backfill", "--assembly", Cli.SampleAssembly,
            "--workers", "3", "--range-rows", "200", "--batch-size", "50", "--target-batch-ms", "0");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("batches of 50, 3 workers.", result.Out);
        var tasks = await db.CountAsync("SELECT COUNT(*) FROM tasks");
        Assert.Equal((tasks + 199) / 200, await db.CountAsync("SELECT COUNT(*) FROM orgscope_ranges WHERE table_name = 'tasks' AND kind = 'main'"));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM orgscope_ranges WHERE status <> 'done'"));
        Assert.Equal(await db.CountAsync("SELECT COUNT(*) FROM tasks WHERE organization_id IS NOT NULL"),
            await db.CountAsync("SELECT SUM(rows_written) FROM orgscope_audit WHERE table_name = 'tasks'"));
        Assert.Contains("sized toward 25 ms (60..700)", (await Cli.RunAsync(db.Environment, "backfill", "--assembly", Cli.SampleAssembly, "--dry-run",
            "--target-batch-ms", "25", "--min-batch-size", "60", "--max-batch-size", "700")).Out);
    }

    [Fact]
    public async Task Ctrl_C_stops_after_a_committed_batch_with_exit_130_and_the_next_run_resumes_to_the_same_end()
    {
        await using var db = await SampleDatabase.CreateMigratedAsync(server, "ctrl_c");
        // Enough single-row batches (fixed: --target-batch-ms 0, else sizing grows them and a quiet machine finishes 1,000
        // rows in 0.4 s, before the signal) that the run is still going when the signal arrives.
        await db.Database.ExecuteScriptAsync("""
            INSERT INTO tasks (title, assigned_to)
            SELECT CONCAT('bulk ', a.d, b.d, c.d), 1
            FROM (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a,
                 (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b,
                 (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c;
            """);

        var users = await Cli.RunAsync(db.Environment, "backfill", "--assembly", Cli.SampleAssembly, "--tables", "users");
        Assert.True(users.ExitCode == 0, users.ToString());

        var (exit, output) = await RunAndInterruptAsync(db, afterBatches: 3);
        var resumed = await Cli.RunAsync(db.Environment, "backfill", "--assembly", Cli.SampleAssembly, "--batch-size", "1", "--target-batch-ms", "0", "--tables", "tasks", "--log-format", "json");

        Assert.True(exit == 130, output);
        Assert.Contains("\"cancelled\":true", output);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var summary = resumed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).Last();
        Assert.True(summary.GetProperty("resumed").GetBoolean(), resumed.Out);
        Assert.Equal(2, await db.CountAsync("SELECT COUNT(*) FROM tasks WHERE organization_id IS NULL"));
        Assert.Equal(await db.CountAsync("SELECT COUNT(*) FROM tasks WHERE organization_id IS NOT NULL"),
            await db.CountAsync("SELECT SUM(rows_written) FROM orgscope_audit WHERE table_name = 'tasks'"));
    }

    // Runs the real tool, sends SIGINT once it has printed some batch lines, returns its exit code and output.
    private static async Task<(int Exit, string Output)> RunAndInterruptAsync(SampleDatabase db, int afterBatches)
    {
        var batches = 0;
        var (exit, _, all) = await Cli.RunAndInterruptAsync(
            db.Environment, line => line.Contains("\"event\":\"batch\"", StringComparison.Ordinal) && ++batches == afterBatches,
            "backfill", "--assembly", Cli.SampleAssembly, "--batch-size", "1", "--target-batch-ms", "0", "--tables", "tasks", "--log-format", "json");
        return (exit, all);
    }

}
