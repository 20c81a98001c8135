using OrgScope.Plan;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// What the old code inserts after the backfill (the rollout window), never setting organization_id, and how to read
/// what those rows got: for the tests of 004's triggers and of <c>backfill --follow</c>, which must each give them
/// exactly what a backfill gives them.
/// </summary>
internal static class OldCodeRows
{
    // Memberships first (no foreign keys in the legacy schema), then users with one, several or no primary membership,
    // an orphan current organization and a disagreement between the two sources.
    public const string Parents = """
        INSERT INTO organizations (id, name) VALUES (9001, 'New A'), (9002, 'New B');
        INSERT INTO user_organizations (user_id, organization_id, is_primary) VALUES
          (90001, 9001, 1), (90002, 9001, 1), (90002, 9002, 1), (90006, 9001, 0);
        INSERT INTO users (id, email, current_organization_id) VALUES
          (90001, 'disagree@new', 9002), (90002, 'two-primaries@new', 9001), (90003, 'none@new', NULL),
          (90004, 'orphan@new', 777777), (90005, 'current@new', 9002), (90006, 'not-primary@new', NULL);
        """;

    // Rows that point at the users above, at nothing, at a row that does not exist; pairs whose two sources disagree.
    public const string Children = """
        INSERT INTO tasks (id, title, assigned_to) VALUES
          (90101, 'to disagreeing user', 90001), (90102, 'to B user', 90005), (90103, 'to nobody', NULL),
          (90104, 'to a user who is gone', 123456789), (90105, 'to a user without one', 90003);
        INSERT INTO rewards (id, name, created_by) VALUES (90201, 'by B user', 90005), (90202, 'by A user', 90002);
        INSERT INTO user_rewards (user_id, reward_id, granted_at) VALUES (90005, 90201, '2025-01-01'), (90002, 90201, '2025-01-01');
        INSERT INTO achievements (id, name, created_by) VALUES (90301, 'by A user', 90002), (90302, 'by nobody', NULL);
        INSERT INTO user_achievements (user_id, achievement_id, earned_at) VALUES (90005, 90301, '2025-01-01'), (90002, 90301, '2025-01-01');
        """;

    /// <summary>Everything, in dependency order.</summary>
    public const string All = Parents + "\n" + Children;

    // The rows above, per table, as "key → organization".
    private const string NewRows = """
        SELECT 'users', CAST(id AS CHAR), organization_id FROM users WHERE id >= 90000
        UNION ALL SELECT 'tasks', CAST(id AS CHAR), organization_id FROM tasks WHERE id >= 90000
        UNION ALL SELECT 'rewards', CAST(id AS CHAR), organization_id FROM rewards WHERE id >= 90000
        UNION ALL SELECT 'user_rewards', CONCAT(user_id, ',', reward_id), organization_id FROM user_rewards WHERE user_id >= 90000
        UNION ALL SELECT 'achievements', CAST(id AS CHAR), organization_id FROM achievements WHERE id >= 90000
        UNION ALL SELECT 'user_achievements', CONCAT(user_id, ',', achievement_id), organization_id FROM user_achievements WHERE user_id >= 90000
        """;

    /// <summary>The sample's plan under a conflict policy (Report, FirstSourceWins), with or without 004.</summary>
    public static PlanDocument Plan(string policy, bool insertTriggers) => PlanReader.Parse(SamplePlan.Json()
        .Replace("\"insertTriggers\": false", $"\"insertTriggers\": {(insertTriggers ? "true" : "false")}", StringComparison.Ordinal)
        .Replace("\"onConflict\":\"Report\"", $"\"onConflict\":\"{policy}\"", StringComparison.Ordinal), "test");

    /// <summary>"table key" → the organization each of the old code's rows has now.</summary>
    public static async Task<Dictionary<string, long?>> OrganizationsAsync(TestDatabase db) =>
        (await db.QueryScriptAsync(NewRows))[0].Rows.ToDictionary(r => $"{r[0]} {r[1]}", r => r[2] is null ? (long?)null : Convert.ToInt64(r[2]));

    /// <summary>
    /// The cases mean something: resolved rows, rows left for a person (never guessed), and the policy deciding the
    /// disagreements. Asserted on what a mechanism gave the rows, beside its equality with the backfill.
    /// </summary>
    public static void AssertMeaningful(Dictionary<string, long?> organizations, string policy)
    {
        Assert.Equal(9002L, organizations["users 90005"]);
        Assert.Equal(9001L, organizations["users 90002"]); // several primaries: the membership yields nothing, the current organization does
        Assert.Null(organizations["users 90004"]);          // an organization that does not exist: never guessed
        Assert.Null(organizations["tasks 90104"]);
        Assert.Equal(9002L, organizations["tasks 90102"]);
        var disagreeing = policy == "Report" ? (long?)null : 9001L;
        Assert.Equal(disagreeing, organizations["users 90001"]);
        Assert.Equal(disagreeing, organizations["tasks 90101"]);
        Assert.Equal(policy == "Report" ? null : 9001L, organizations["user_rewards 90002,90201"]);
    }
}
