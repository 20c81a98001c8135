using System.Text;
using Dapper;
using MySqlConnector;
using OrgScope.Sample.Entities;

namespace OrgScope.Sample.Legacy;

/// <summary>Rewards and grants, with the shortcuts the old admin screens took.</summary>
public sealed class LegacyRewardRepository(MySqlConnection connection)
{
    private const string RewardColumns = "r.id, r.name, r.created_by AS CreatedBy";

    public Task<IEnumerable<Reward>> ListAsync(long organizationId, bool isSuperAdmin) =>
        // Super-admins see everything: the OR makes the filter optional for everyone (ORG003).
        connection.QueryAsync<Reward>(
            "SELECT " + RewardColumns + " FROM rewards r WHERE r.organization_id = @organizationId OR @isSuperAdmin",
            new { organizationId, isSuperAdmin });

    public Task<IEnumerable<Reward>> ListDemoAsync() =>
        // The demo organization, hard-coded (ORG003).
        connection.QueryAsync<Reward>($"SELECT {RewardColumns} FROM rewards r WHERE r.organization_id = 1");

    public Task<int> GrantAsync(long userId, long rewardId) =>
        connection.ExecuteAsync(
            "INSERT INTO user_rewards (user_id, reward_id, granted_at) VALUES (@userId, @rewardId, NOW())",
            new { userId, rewardId });

    public Task<IEnumerable<long>> GrantedToAsync(long organizationId, string? nameFilter)
    {
        var sql = new StringBuilder("SELECT ur.reward_id FROM user_rewards ur JOIN rewards r ON r.id = ur.reward_id");
        sql.Append(" WHERE r.organization_id = @organizationId");
        if (nameFilter != null)
        {
            sql.Append(" AND r.name LIKE CONCAT('%', @nameFilter, '%')");
        }

        // rewards is pinned, user_rewards is not (ORG001).
        return connection.QueryAsync<long>(sql.ToString(), new { organizationId, nameFilter });
    }
}
