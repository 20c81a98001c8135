using System;
using System.Collections.Generic;

namespace OrgScope.Sample.Data;

/// <summary>
/// The sample's rows, generated in memory from (tasks, seed): the same inputs always give the same rows.
/// Sizes scale with the number of tasks: users = tasks/20, organizations = users/100, rewards and achievements =
/// tasks/50, user_rewards and user_achievements = tasks/10 (with small floors so tiny datasets still hold every case).
/// </summary>
public sealed class SampleDataset
{
    public List<(long Id, string Name)> Organizations { get; } = [];

    public List<(long Id, string Email, long? CurrentOrganizationId)> Users { get; } = [];

    public List<(long UserId, long OrganizationId, bool IsPrimary)> Memberships { get; } = [];

    public List<(long Id, string Title, long? AssignedTo)> Tasks { get; } = [];

    public List<(long Id, string Name, long? CreatedBy)> Rewards { get; } = [];

    public List<(long UserId, long RewardId)> UserRewards { get; } = [];

    public List<(long Id, string Name, long? CreatedBy, long? OrganizationId)> Achievements { get; } = [];

    public List<(long UserId, long AchievementId)> UserAchievements { get; } = [];

    /// <summary>Organization ids that rows point at but that do not exist (deleted organizations).</summary>
    public List<long> DeletedOrganizations { get; } = [];

    /// <summary>User ids that rows point at but that do not exist (deleted users).</summary>
    public List<long> DeletedUsers { get; } = [];

    public static SampleDataset Generate(int tasks, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tasks);
        var random = new Random(seed);
        var data = new SampleDataset();
        var userCount = Math.Max(60, tasks / 20);
        var orgCount = Math.Max(5, userCount / 100);

        for (long id = 1; id <= orgCount; id++)
        {
            data.Organizations.Add((id, "Org " + id));
        }

        data.DeletedOrganizations.AddRange([orgCount + 1, orgCount + 2]);
        long Org() => random.Next(1, orgCount + 1);
        long OtherOrg(long org) => org % orgCount + 1;
        long DeletedOrg() => data.DeletedOrganizations[random.Next(data.DeletedOrganizations.Count)];

        for (long id = 1; id <= userCount; id++)
        {
            // Every 25th user is deleted: its id stays referenced by tasks, rewards and grants.
            if (id % 25 == 0)
            {
                data.DeletedUsers.Add(id);
                continue;
            }

            long? current = null;
            var roll = random.Next(100);
            var org = Org();
            switch (roll)
            {
                case < 70: // plain good user: one primary membership, current org the same (or unset)
                    data.Memberships.Add((id, org, true));
                    if (random.Next(5) == 0)
                    {
                        data.Memberships.Add((id, OtherOrg(org), false));
                    }

                    current = random.Next(10) == 0 ? null : org;
                    break;
                case < 75: // no membership: current_organization_id is the only source
                    current = org;
                    break;
                case < 78: // no membership, no current org: nothing to go on
                    break;
                case < 82: // several memberships, none primary, no current org
                    data.Memberships.Add((id, org, false));
                    data.Memberships.Add((id, OtherOrg(org), false));
                    break;
                case < 84: // several memberships, none primary, but a current org
                    data.Memberships.Add((id, org, false));
                    data.Memberships.Add((id, OtherOrg(org), false));
                    current = org;
                    break;
                case < 87: // two primary memberships
                    data.Memberships.Add((id, org, true));
                    data.Memberships.Add((id, OtherOrg(org), true));
                    break;
                case < 92: // the primary membership disagrees with current_organization_id
                    data.Memberships.Add((id, org, true));
                    current = OtherOrg(org);
                    break;
                case < 94: // no membership, current org deleted
                    current = DeletedOrg();
                    break;
                case < 96: // primary membership of a deleted org
                    data.Memberships.Add((id, DeletedOrg(), true));
                    break;
                default: // good user whose primary agrees with a set current org
                    data.Memberships.Add((id, org, true));
                    current = org;
                    break;
            }

            data.Users.Add((id, "user" + id + "@example.com", current));
        }

        long User() => random.Next(1, userCount + 1); // includes deleted users (every 25th)
        long? MaybeUser() => random.Next(20) == 0 ? null : User();

        for (long id = 1; id <= tasks; id++)
        {
            data.Tasks.Add((id, "Task " + id, MaybeUser()));
        }

        var rewardCount = Math.Max(30, tasks / 50);
        for (long id = 1; id <= rewardCount; id++)
        {
            data.Rewards.Add((id, "Reward " + id, MaybeUser()));
        }

        var achievementCount = Math.Max(30, tasks / 50);
        for (long id = 1; id <= achievementCount; id++)
        {
            // 30% already carry an organization (newer code wrote it); kept even when it disagrees with the creator's.
            long? preset = random.Next(10) < 3 ? Org() : null;
            data.Achievements.Add((id, "Achievement " + id, MaybeUser(), preset));
        }

        var grants = Math.Max(80, tasks / 10);
        var seenRewards = new HashSet<(long, long)>();
        for (var i = 0; i < grants; i++)
        {
            // Mostly the reward's own creator (user and reward agree), otherwise any user (they often disagree).
            var reward = data.Rewards[random.Next(data.Rewards.Count)];
            var user = random.Next(10) < 6 && reward.CreatedBy is { } creator ? creator : User();
            if (seenRewards.Add((user, reward.Id)))
            {
                data.UserRewards.Add((user, reward.Id));
            }
        }

        var seenAchievements = new HashSet<(long, long)>();
        for (var i = 0; i < grants; i++)
        {
            var achievement = random.Next(15) == 0 ? achievementCount + 1 + random.Next(3) : random.Next(1, achievementCount + 1);
            var user = User();
            if (seenAchievements.Add((user, achievement)))
            {
                data.UserAchievements.Add((user, achievement));
            }
        }

        data.UserRewards.Sort();
        data.UserAchievements.Sort();
        return data;
    }
}
