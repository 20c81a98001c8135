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
    // What the old code inserts after the backfill, in dependency order, never setting organization_id: memberships
    // first (no foreign keys in the legacy schema), then users with one, several or no primary membership, an orphan
    // current organization and a disagreement between the two sources; rows that point at them, at nothing, at a row
    // that does not exist; pairs whose two sources disagree.
    private const string OldCode = """
        INSERT INTO organizations (id, name) VALUES (9001, 'New A'), (9002, 'New B');
        INSERT INTO user_organizations (user_id, organization_id, is_primary) VALUES
          (90001, 9001, 1), (90002, 9001, 1), (90002, 9002, 1), (90006, 9001, 0);
        INSERT INTO users (id, email, current_organization_id) VALUES
          (90001, 'disagree@new', 9002), (90002, 'two-primaries@new', 9001), (90003, 'none@new', NULL),
          (90004, 'orphan@new', 777777), (90005, 'current@new', 9002), (90006, 'not-primary@new', NULL);
        INSERT INTO tasks (id, title, assigned_to) VALUES
          (90101, 'to disagreeing user', 90001), (90102, 'to B user', 90005), (90103, 'to nobody', NULL),
          (90104, 'to a user who is gone', 123456789), (90105, 'to a user without one', 90003);
        INSERT INTO rewards (id, name, created_by) VALUES (90201, 'by B user', 90005), (90202, 'by A user', 90002);
        INSERT INTO user_rewards (user_id, reward_id, granted_at) VALUES (90005, 90201, '2025-01-01'), (90002, 90201, '2025-01-01');
        INSERT INTO achievements (id, name, created_by) VALUES (90301, 'by A user', 90002), (90302, 'by nobody', NULL);
        INSERT INTO user_achievements (user_id, achievement_id, earned_at) VALUES (90005, 90301, '2025-01-01'), (90002, 90301, '2025-01-01');
        """;

    // The rows above, per table, as "key → organization".
    private const string NewRows = """
        SELECT 'users', CAST(id AS CHAR), organization_id FROM users WHERE id >= 90000
        UNION ALL SELECT 'tasks', CAST(id AS CHAR), organization_id FROM tasks WHERE id >= 90000
        UNION ALL SELECT 'rewards', CAST(id AS CHAR), organization_id FROM rewards WHERE id >= 90000
        UNION ALL SELECT 'user_rewards', CONCAT(user_id, ',', reward_id), organization_id FROM user_rewards WHERE user_id >= 90000
        UNION ALL SELECT 'achievements', CAST(id AS CHAR), organization_id FROM achievements WHERE id >= 90000
        UNION ALL SELECT 'user_achievements', CONCAT(user_id, ',', achievement_id), organization_id FROM user_achievements WHERE user_id >= 90000
        """;

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

        await db.ExecuteScriptAsync(OldCode);
        var byTriggers = await OrganizationsAsync(db);
        // What the backfill gives the same rows: forget what the triggers wrote, and run it again.
        await db.ExecuteScriptAsync("""
            UPDATE users SET organization_id = NULL WHERE id >= 90000; UPDATE tasks SET organization_id = NULL WHERE id >= 90000;
            UPDATE rewards SET organization_id = NULL WHERE id >= 90000; UPDATE user_rewards SET organization_id = NULL WHERE user_id >= 90000;
            UPDATE achievements SET organization_id = NULL WHERE id >= 90000; UPDATE user_achievements SET organization_id = NULL WHERE user_id >= 90000;
            """);
        await new Runbook(plan, db.ConnectionString).BackfillAsync(new BackfillOptions { Restart = true });
        var byBackfill = await OrganizationsAsync(db);

        Assert.Equal(byBackfill, byTriggers);
        // The cases mean something: resolved rows, rows left for a person, and the policy deciding the disagreements.
        Assert.Equal(9002L, byTriggers["users 90005"]);
        Assert.Equal(9001L, byTriggers["users 90002"]); // several primaries: the membership yields nothing, the current organization does
        Assert.Null(byTriggers["users 90004"]);          // an organization that does not exist: never guessed
        Assert.Null(byTriggers["tasks 90104"]);
        Assert.Equal(9002L, byTriggers["tasks 90102"]);
        var disagreeing = policy == "Report" ? (long?)null : 9001L;
        Assert.Equal(disagreeing, byTriggers["users 90001"]);
        Assert.Equal(disagreeing, byTriggers["tasks 90101"]);
        Assert.Equal(policy == "Report" ? null : 9001L, byTriggers["user_rewards 90002,90201"]);
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

        Assert.Equal(organization, Convert.ToInt64(await db.ScalarAsync("SELECT organization_id FROM tasks WHERE id = 95001")));
        Assert.Equal(organization, Convert.ToInt64(await db.ScalarAsync("SELECT organization_id FROM tasks WHERE id = 95002")));
        Assert.Contains("cannot be null", refused.Message);
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

    private static PlanDocument Plan(string policy) => PlanReader.Parse(SamplePlan.Json()
        .Replace("\"insertTriggers\": false", "\"insertTriggers\": true", StringComparison.Ordinal)
        .Replace("\"onConflict\":\"Report\"", $"\"onConflict\":\"{policy}\"", StringComparison.Ordinal), "test");

    private static async Task<Dictionary<string, long?>> OrganizationsAsync(TestDatabase db) =>
        (await db.QueryScriptAsync(NewRows))[0].Rows.ToDictionary(r => $"{r[0]} {r[1]}", r => r[2] is null ? (long?)null : Convert.ToInt64(r[2]));

    private static async Task<List<string>> TriggersAsync(TestDatabase db) =>
        (await db.QueryScriptAsync("SELECT CONCAT(TRIGGER_NAME, ' ', ACTION_TIMING, ' ', EVENT_MANIPULATION, ' ', EVENT_OBJECT_TABLE, ' ', ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY 1"))[0]
            .Rows.Select(r => (string)r[0]!).ToList();
}
