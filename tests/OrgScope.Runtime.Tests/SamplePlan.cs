using OrgScope.Generators.Emit.Plan;
using OrgScope.Generators.Model;
using OrgScope.Plan;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// The sample app's plan, built from a hand-written model through the generator's own emitters (so the SQL under
/// test is exactly what the generator ships), then read back like the CLI reads it from an assembly.
/// </summary>
internal static class SamplePlan
{
    public static MigrationModel Model()
    {
        var root = new OrgRootModel("OrgScope.Sample.Entities.Organization", "organizations", "id", "BIGINT");
        var id = Key(("id", "BIGINT"));
        SourceModel Scoped(string name, string local, string target) =>
            new(SourceKind.ScopedReference, name, local, target, "id", "organization_id", null);
        ScopedTableModel Table(string entity, string table, EquatableArray<KeyColumnModel> key, string[] dependsOn, params SourceModel[] sources) =>
            new("OrgScope.Sample.Entities." + entity, table, "organization_id", "BIGINT", key, sources.ToEquatableArray(), ConflictPolicy.Report, dependsOn.ToEquatableArray());

        return new MigrationModel(root, new[]
        {
            Table("User", "users", id, [],
                new SourceModel(SourceKind.Membership, "UserOrganization", "id", "user_organizations", "user_id", "organization_id", "is_primary"),
                new SourceModel(SourceKind.OrgReference, "CurrentOrganizationId", "current_organization_id", "organizations", "id", "id", null)),
            Table("TaskItem", "tasks", id, ["users"], Scoped("AssignedTo", "assigned_to", "users")),
            Table("Reward", "rewards", id, ["users"], Scoped("CreatedBy", "created_by", "users")),
            Table("Achievement", "achievements", id, ["users"], Scoped("CreatedBy", "created_by", "users")),
            Table("UserReward", "user_rewards", Key(("user_id", "BIGINT"), ("reward_id", "BIGINT")), ["users", "rewards"],
                Scoped("UserId", "user_id", "users"), Scoped("RewardId", "reward_id", "rewards")),
            Table("UserAchievement", "user_achievements", Key(("user_id", "BIGINT"), ("achievement_id", "BIGINT")), ["achievements", "users"],
                Scoped("AchievementId", "achievement_id", "achievements"), Scoped("UserId", "user_id", "users")),
        }.ToEquatableArray());
    }

    public static string Json() => PlanJsonEmitter.Emit(Model());

    public static PlanDocument Document() => PlanReader.Parse(Json(), "sample model");

    public static readonly string[] Tables = ["users", "tasks", "rewards", "achievements", "user_rewards", "user_achievements"];

    private static EquatableArray<KeyColumnModel> Key(params (string Column, string Type)[] columns) =>
        columns.Select(c => new KeyColumnModel(c.Column, c.Type)).ToEquatableArray();
}
