using MySqlConnector;
using OrgScope.Runtime.Connection;
using OrgScope.Runtime.Constraints;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// constrain is all or nothing per invocation: every blocking table is listed before the first ALTER, worded for its
/// state; a step that fails midway (a killed session, a row written after the checks) leaves every table's SHOW
/// CREATE TABLE and orgscope_schema_changes exactly as before the invocation.
/// </summary>
[Collection("MariaDB")]
public sealed class ConstrainTests(MariaDbServer server)
{
    private static readonly string[] Steps = ["not_null", "index", "foreign_key"];

    [Fact]
    public async Task Before_the_backfill_every_table_is_listed_as_not_backfilled_and_nothing_is_altered()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "cn_before", 200, 21);
        await using var _ = db;
        var schema = await db.ShowCreateTablesAsync();

        var summary = await new Runbook(plan, db.ConnectionString).ConstrainAsync();

        Assert.Null(summary.Failure);
        Assert.Empty(summary.Made);
        Assert.Equal(SamplePlan.Tables.Order(), summary.Blockers.Where(b => b.Kind == BlockerKind.BackfillNotRun).Select(b => b.Table).Order());
        Assert.All(summary.Blockers.Where(b => b.Kind == BlockerKind.BackfillNotRun), b => Assert.EndsWith("the backfill has not run on " + b.Table + ": run orgscope backfill.", b.Message));
        Assert.Equal(schema, await db.ShowCreateTablesAsync());
    }

    [Fact]
    public async Task After_the_backfill_unresolved_rows_rows_written_since_and_orphans_are_each_named_with_their_count()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "cn_after", 200, 22);
        await using var _ = db;
        await new Runbook(plan, db.ConnectionString).BackfillAsync();
        var unresolved = await CountsAsync(db, "SELECT table_name, COUNT(*) FROM orgscope_unresolved GROUP BY table_name");
        // The old code inserts two tasks without an organization, and someone sets a reward to an organization that does not exist.
        await db.ExecuteScriptAsync("""
            INSERT INTO tasks (title, assigned_to) VALUES ('old code 1', NULL), ('old code 2', NULL);
            UPDATE rewards SET organization_id = 999999 WHERE id = (SELECT id FROM (SELECT MIN(id) AS id FROM rewards WHERE organization_id IS NOT NULL) AS r);
            """);
        var schema = await db.ShowCreateTablesAsync();

        var blockers = (await new Runbook(plan, db.ConnectionString).ConstrainAsync()).Blockers;

        Assert.NotEmpty(unresolved);
        foreach (var (table, count) in unresolved)
        {
            var blocker = Assert.Single(blockers, b => b.Table == table && b.Kind == BlockerKind.Unresolved);
            Assert.Equal(count, blocker.Count);
            Assert.Contains("that the backfill could not resolve: a person decides them (orgscope report --unresolved)", blocker.Message);
        }

        var since = Assert.Single(blockers, b => b.Kind == BlockerKind.WrittenSince);
        Assert.Equal(("tasks", 2L), (since.Table, since.Count));
        Assert.StartsWith("2 rows with NULL organization_id written since the backfill finished", since.Message);
        var orphans = Assert.Single(blockers, b => b.Kind == BlockerKind.Orphans);
        Assert.Equal(("rewards", 1L), (orphans.Table, orphans.Count));
        Assert.DoesNotContain(blockers, b => b.Kind == BlockerKind.BackfillNotRun);
        Assert.Equal(schema, await db.ShowCreateTablesAsync());
    }

    [Fact]
    public async Task A_failure_injected_at_each_tables_each_step_leaves_the_schema_exactly_as_before()
    {
        var (db, plan) = await FilledAsync("cn_inject", 23);
        await using var _ = db;
        var schema = await db.ShowCreateTablesAsync();
        var records = await RecordsAsync(db);

        foreach (var table in SamplePlan.Tables)
        {
            foreach (var step in Steps)
            {
                var runbook = new Runbook(plan, db.ConnectionString);
                var killed = false;
                runbook.BeforeConstraintStep = async e =>
                {
                    if (e.Table == table && e.Step == step)
                    {
                        killed = true;
                        await using var killer = await db.OpenConnectionAsync();
                        await using var kill = new MySqlCommand($"KILL CONNECTION {e.ServerThreadId}", killer);
                        await kill.ExecuteNonQueryAsync();
                    }
                };

                var log = new List<string>();
                var summary = await runbook.ConstrainAsync(log: new CommandLine.SyncProgress<string>(log.Add));

                // (Seen once under load, not reproduced: the whole story in the message if it happens again.)
                var story = $"{table}.{step}: killed {killed}, blockers [{string.Join("; ", summary.Blockers)}], failure {summary.Failure}\n{string.Join("\n", log)}";
                Assert.True(killed, story);
                Assert.True(summary.Failure is not null, story);
                var failure = summary.Failure!;
                Assert.True((table, step) == (failure.Table, failure.Step), story);
                Assert.True(failure.RestoredExactly && failure.UndoError is null, story);
                Assert.Equal(schema, await db.ShowCreateTablesAsync());
                Assert.Equal(records, await RecordsAsync(db));
            }
        }

        // Undisturbed, the same invocation constrains every table, and a second one has nothing to do.
        var done = await new Runbook(plan, db.ConnectionString).ConstrainAsync();
        var again = await new Runbook(plan, db.ConnectionString).ConstrainAsync();

        Assert.Null(done.Failure);
        // NOT NULL and the foreign key on each table (001 made the indexes).
        Assert.Equal(SamplePlan.Tables.Length * 2, done.Made.Count);
        Assert.Empty(again.Made);
        foreach (var table in SamplePlan.Tables)
        {
            var ddl = await db.ShowCreateTableAsync(table);
            Assert.Contains("`organization_id` bigint(20) NOT NULL", ddl);
            Assert.Contains($"CONSTRAINT `fk_{table}_organization_id` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`)", ddl);
        }
    }

    [Fact]
    public async Task A_NULL_written_between_the_checks_and_the_NOT_NULL_fails_that_step_and_the_earlier_tables_are_undone()
    {
        var (db, plan) = await FilledAsync("cn_late_null", 24);
        await using var _ = db;
        var schema = await db.ShowCreateTablesAsync();
        var runbook = new Runbook(plan, db.ConnectionString)
        {
            BeforeConstraintStep = async e =>
            {
                if (e.Table == "tasks" && e.Step == "not_null")
                {
                    await db.ExecuteScriptAsync("INSERT INTO tasks (title, assigned_to) VALUES ('written after the checks', NULL)");
                }
            },
        };

        var failure = (await runbook.ConstrainAsync()).Failure;

        Assert.NotNull(failure);
        Assert.Equal(("tasks", "not_null"), (failure!.Table, failure.Step));
        // users, achievements and rewards come before tasks in run order: their NOT NULL and foreign keys were undone.
        Assert.Contains(new SchemaChange("users", "not_null", "organization_id"), failure.Undone);
        Assert.Contains(new SchemaChange("rewards", "foreign_key", "fk_rewards_organization_id"), failure.Undone);
        Assert.True(failure.RestoredExactly, failure.ToString());
        // The row inserted moved tasks' AUTO_INCREMENT counter; everything else is as it was.
        Assert.Equal(WithoutCounters(schema), WithoutCounters(await db.ShowCreateTablesAsync()));
    }

    [Fact]
    public async Task A_table_bigger_than_the_direct_alter_limit_is_refused_with_the_online_strategy_to_use()
    {
        var (db, plan) = await FilledAsync("cn_big", 25);
        await using var _ = db;
        await db.ExecuteScriptAsync("ANALYZE TABLE tasks");

        var summary = await new Runbook(plan, db.ConnectionString).ConstrainAsync(new ConstrainOptions { DirectAlterLimitBytes = 16 * 1024 });

        var big = Assert.Single(summary.Blockers, b => b.Table == "tasks");
        Assert.Equal(BlockerKind.TooBigForDirectAlter, big.Kind);
        Assert.Contains("rebuilds it in one statement, which every replica replays as one", big.Message);
        Assert.Contains("<OrgScopeConstraintStrategy>PtOnlineSchemaChange</OrgScopeConstraintStrategy>", big.Message);
        Assert.Contains("--direct-alter-limit, now 16 KiB", big.Message);
        Assert.Empty(summary.Made);
    }

    [Fact]
    public async Task Columns_that_cannot_pair_with_the_root_key_stop_it_before_the_first_ALTER_with_the_fix()
    {
        var (db, plan) = await FilledAsync("cn_unsigned", 27);
        await using var _ = db;
        // The issue's helpdesk: organizations.id is BIGINT UNSIGNED, the plan (and the columns migrate added) BIGINT.
        await db.ExecuteScriptAsync("ALTER TABLE organizations MODIFY id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT");
        var schema = await db.ShowCreateTablesAsync();

        var error = await Assert.ThrowsAsync<OperatorException>(() => new Runbook(plan, db.ConnectionString).ConstrainAsync());

        Assert.Equal(FailureKind.Schema, error.Kind);
        Assert.StartsWith("constrain refused, nothing altered: `organizations`.`id` is bigint unsigned, but the plan gives every organization column BIGINT", error.Message);
        Assert.Contains("Fix: declare the [OrgRoot] key of OrgScope.Sample.Entities.Organization as `ulong`", error.Message);
        Assert.Equal(schema, await db.ShowCreateTablesAsync());
    }

    [Fact]
    public async Task A_second_invocation_while_one_runs_is_refused_and_alters_nothing()
    {
        var (db, plan) = await FilledAsync("cn_lock", 26);
        await using var _ = db;
        await using var other = await db.OpenConnectionAsync();
        await using (var take = new MySqlCommand("SELECT GET_LOCK(CONCAT('orgscope_constrain:', DATABASE()), 0)", other))
        {
            await take.ExecuteScalarAsync();
        }

        var error = await Assert.ThrowsAsync<OperatorException>(() => new Runbook(plan, db.ConnectionString).ConstrainAsync());

        Assert.Equal(FailureKind.Refused, error.Kind);
        Assert.Contains("another orgscope constrain is running on this database", error.Message);
        Assert.Contains("`organization_id` bigint(20) DEFAULT NULL", await db.ShowCreateTableAsync("tasks"));
    }

    /// <summary>Migrated and backfilled; what the backfill left NULL (and any orphan) is set to organization 1 by hand.</summary>
    private async Task<(TestDatabase Db, Plan.PlanDocument Plan)> FilledAsync(string prefix, int seed)
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, prefix, 200, seed);
        await new Runbook(plan, db.ConnectionString).BackfillAsync();
        await SampleDatabase.ResolveLeftoversAsync(db);

        return (db, plan);
    }

    private static Dictionary<string, string> WithoutCounters(SortedDictionary<string, string> schema) =>
        schema.ToDictionary(t => t.Key, t => System.Text.RegularExpressions.Regex.Replace(t.Value, @" AUTO_INCREMENT=\d+", ""));

    private static async Task<List<string>> RecordsAsync(TestDatabase db) =>
        (await db.QueryScriptAsync("SELECT CONCAT_WS(' ', table_name, change_kind, object_name) FROM orgscope_schema_changes ORDER BY 1"))[0]
            .Rows.Select(r => (string)r[0]!).ToList();

    private static async Task<Dictionary<string, long>> CountsAsync(TestDatabase db, string sql) =>
        (await db.QueryScriptAsync(sql))[0].Rows.ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1]));
}
