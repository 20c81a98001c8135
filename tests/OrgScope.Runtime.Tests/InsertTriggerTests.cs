using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// 004, the insert triggers for the rollout window (OrgScopeInsertTriggers=true): a row the old code inserts without an
/// organization after the backfill gets exactly the organization the backfill would give it (NULL where the backfill
/// would leave it unresolved), under both conflict policies; the triggers keep working under 003's NOT NULL; the
/// rollback drops exactly OrgScope's triggers.
/// </summary>
[Collection("MariaDB")]
public sealed class InsertTriggerTests(MariaDbServer server)
{
    [Theory]
    [InlineData("Report")]
    [InlineData("FirstSourceWins")]
    public async Task Rows_the_old_code_inserts_after_the_backfill_get_the_organization_the_backfill_would_give_them(string policy)
    {
        var plan = Plan(policy);
        var (db, _) = await SampleDatabase.CreateAsync(server, "trg_" + policy, 200, 41, migrate: false);
        await using var __ = db;
        var migrate = await new Runbook(plan, db.ConnectionString).MigrateAsync();
        Assert.Equal("004-add-insert-triggers.sql", migrate.TriggersScript);
        await new Runbook(plan, db.ConnectionString).BackfillAsync();

        await db.ExecuteScriptAsync(OldCodeRows.All);
        var byTriggers = await OldCodeRows.OrganizationsAsync(db);
        // What the backfill gives the same rows: forget what the triggers wrote, and run it again.
        await db.ExecuteScriptAsync("""
            UPDATE users SET organization_id = NULL WHERE id >= 90000; UPDATE tasks SET organization_id = NULL WHERE id >= 90000;
            UPDATE rewards SET organization_id = NULL WHERE id >= 90000; UPDATE user_rewards SET organization_id = NULL WHERE user_id >= 90000;
            UPDATE achievements SET organization_id = NULL WHERE id >= 90000; UPDATE user_achievements SET organization_id = NULL WHERE user_id >= 90000;
            """);
        await new Runbook(plan, db.ConnectionString).BackfillAsync(new BackfillOptions { Restart = true });
        var byBackfill = await OldCodeRows.OrganizationsAsync(db);

        Assert.Equal(byBackfill, byTriggers);
        OldCodeRows.AssertMeaningful(byTriggers, policy);
    }

    [Fact]
    public async Task The_triggers_fill_rows_under_003s_NOT_NULL_and_a_row_nothing_resolves_is_refused_by_it()
    {
        var plan = Plan("Report");
        var (db, _) = await SampleDatabase.CreateAsync(server, "trg_003", 200, 42, migrate: false);
        await using var __ = db;
        await new Runbook(plan, db.ConnectionString).MigrateAsync();
        await new Runbook(plan, db.ConnectionString).BackfillAsync();
        await SampleDatabase.ResolveLeftoversAsync(db);

        var constrained = await new Runbook(plan, db.ConnectionString).ConstrainAsync();
        Assert.True(constrained.Failure is null && constrained.Blockers.Count == 0, constrained.ToString());
        var user = Convert.ToInt64(await db.ScalarAsync("SELECT MIN(id) FROM users"));
        var organization = Convert.ToInt64(await db.ScalarAsync($"SELECT organization_id FROM users WHERE id = {user}"));

        // The old code: the column left out, or set to NULL explicitly. The trigger runs before NOT NULL is checked.
        await db.ExecuteScriptAsync($"""
            INSERT INTO tasks (id, title, assigned_to) VALUES (95001, 'old code', {user});
            INSERT INTO tasks (id, title, assigned_to, organization_id) VALUES (95002, 'old code, explicit NULL', {user}, NULL);
            """);
        var refused = await Assert.ThrowsAsync<MySqlException>(() => db.ExecuteScriptAsync("INSERT INTO tasks (id, title, assigned_to) VALUES (95003, 'nothing to go by', NULL)"));
        // A known limit on MariaDB (MySQL 8.0 untried): INSERT ... SELECT that leaves a NOT NULL column without a default out is
        // refused before the BEFORE INSERT trigger runs, so 003 must wait until the old code's INSERT ... SELECTs are gone.
        var selectRefused = await Assert.ThrowsAsync<MySqlException>(() => db.ExecuteScriptAsync($"INSERT INTO tasks (id, title, assigned_to) SELECT 95004, 'old code, INSERT ... SELECT', {user}"));

        Assert.Equal(organization, Convert.ToInt64(await db.ScalarAsync("SELECT organization_id FROM tasks WHERE id = 95001")));
        Assert.Equal(organization, Convert.ToInt64(await db.ScalarAsync("SELECT organization_id FROM tasks WHERE id = 95002")));
        Assert.Contains("cannot be null", refused.Message);
        Assert.Contains("Field 'organization_id' doesn't have a default value", selectRefused.Message);
        Assert.Contains("`organization_id` bigint(20) NOT NULL", await db.ShowCreateTableAsync("tasks"));
    }

    [Fact]
    public async Task The_rollback_drops_exactly_OrgScopes_triggers_and_rollback_columns_waits_for_it()
    {
        var plan = Plan("Report");
        var (db, _) = await SampleDatabase.CreateAsync(server, "trg_rollback", 100, 43, migrate: false);
        await using var __ = db;
        // The application's own triggers stay whatever OrgScope does.
        await db.ExecuteScriptAsync("""
            CREATE TABLE app_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(64));
            CREATE TRIGGER app_tasks_ai AFTER INSERT ON tasks FOR EACH ROW INSERT INTO app_log (what) VALUES (NEW.title);
            CREATE TRIGGER app_users_bi BEFORE INSERT ON users FOR EACH ROW SET NEW.email = LOWER(NEW.email);
            """);
        var before = await TriggersAsync(db);
        await new Runbook(plan, db.ConnectionString).MigrateAsync();
        var installed = await TriggersAsync(db);
        await new Runbook(plan, db.ConnectionString).MigrateAsync();
        var reinstalled = await TriggersAsync(db);
        var files = plan.Files.ToDictionary(f => f.Name, f => f.Content);

        var columnsRefused = await db.RunClientAsync(files["rollback-columns.sql"]);
        (await db.RunClientAsync(files["rollback-insert-triggers.sql"])).EnsureSuccess();
        (await db.RunClientAsync(files["rollback-insert-triggers.sql"])).EnsureSuccess();

        Assert.Equal(before.Count + 6, installed.Count);
        Assert.Equal(installed, reinstalled);
        Assert.Contains("orgscope: users still has the insert trigger orgscope_bi_users; run rollback-insert-triggers.sql first", columnsRefused.StandardError);
        Assert.Equal(before, await TriggersAsync(db));
        await db.ExecuteScriptAsync("INSERT INTO tasks (id, title) VALUES (96001, 'the app trigger still runs')");
        Assert.Equal(1L, Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM app_log WHERE what = 'the app trigger still runs'")));
    }

    private static PlanDocument Plan(string policy) => OldCodeRows.Plan(policy, insertTriggers: true);

    private static async Task<List<string>> TriggersAsync(TestDatabase db) =>
        (await db.QueryScriptAsync("SELECT CONCAT(TRIGGER_NAME, ' ', ACTION_TIMING, ' ', EVENT_MANIPULATION, ' ', EVENT_OBJECT_TABLE, ' ', ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY 1"))[0]
            .Rows.Select(r => (string)r[0]!).ToList();
}
