using Dapper;
using MySqlConnector;
using OrgScope;
using OrgScope.Sample.Entities;

namespace OrgScope.Sample.Legacy;

/// <summary>Achievements: newer code already pinned them; the leaderboard did not.</summary>
public sealed class LegacyAchievementQueries(MySqlConnection connection)
{
    public Task<IEnumerable<Achievement>> ListAsync(long organizationId) =>
        connection.QueryAsync<Achievement>(
            """
            SELECT a.id, a.name, a.created_by AS CreatedBy, a.organization_id AS OrganizationId
            FROM achievements a
            WHERE a.organization_id = @organizationId
            ORDER BY a.name
            """,
            new { organizationId });

    public Task<IEnumerable<(long UserId, int Count)>> LeaderboardAsync(long organizationId) =>
        connection.QueryAsync<(long UserId, int Count)>(
            """
            SELECT ua.user_id, COUNT(*) AS earned
            FROM user_achievements ua
            JOIN achievements a ON a.id = ua.achievement_id AND a.organization_id = @organizationId
            GROUP BY ua.user_id
            ORDER BY earned DESC
            LIMIT 10
            """,
            new { organizationId });

    /// <summary>A nightly job over every organization: exempt on purpose.</summary>
    [AllowCrossOrg("nightly statistics job: reads every organization by design")]
    public Task<int> CountAllAsync() =>
        connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM user_achievements");
}
