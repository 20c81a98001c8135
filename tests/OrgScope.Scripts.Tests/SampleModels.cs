using System.Linq;
using OrgScope.Model;
using OrgScope.Plan;
using OrgScope.Plan.Rendering;

namespace OrgScope.Scripts.Tests;

/// <summary>
/// Migration models: the sample app's (read from the plan its build generated) and small ones built by hand for the edges (composite key, string key root, names at MySQL's 64-character limit).
/// </summary>
internal static class SampleModels
{
    public static readonly OrgRootModel Organizations = new("OrgScope.Sample.Entities.Organization", "organizations", "id", "BIGINT");

    /// <summary>The sample app's model, from the plan the generator embedded in samples/OrgScope.Sample.</summary>
    public static MigrationModel Sample() => PlanRenderer.ToModel(PlanReader.FromAssembly(typeof(OrgScope.Sample.Entities.User).Assembly));

    /// <summary>A root keyed by CHAR(36) (UUID text) and one table with a composite key and two sources.</summary>
    public static MigrationModel StringKey() => new(new OrgRootModel("Ns.Tenant", "tenants", "uuid", "CHAR(36)"), Array(
        Custom("Project", "projects", Keys("id"), [OrgReference("TenantUuid", "tenant_uuid", "tenants", "uuid")], sqlType: "CHAR(36)"),
        Custom("ProjectMember", "project_members", Keys("project_id", "member_no"),
            [Scoped("ProjectId", "project_id", "projects")], ["projects"], sqlType: "CHAR(36)")));

    /// <summary>Table and column names of 64 characters: index and foreign key names must be shortened.</summary>
    public const string LongTable = "t234567890123456789012345678901234567890123456789012345678901234";
    public const string LongColumn = "c234567890123456789012345678901234567890123456789012345678901234";

    public static MigrationModel LongNames() => new(Organizations, Array(
        Custom("Long", LongTable, Keys("id"), [OrgReference("Org", "org_ref")], column: LongColumn)));

    /// <summary>A table no source can fill: plan.md must say so.</summary>
    public static MigrationModel Sourceless() => new(Organizations, Array(Custom("Note", "notes", Keys("id"), [])));

    private static ScopedTableModel Table(string entity, string table, KeyColumnModel[] key, SourceModel[] sources, params string[] dependsOn) =>
        Custom(entity, table, key, sources, dependsOn, "organization_id", "BIGINT");

    private static ScopedTableModel Custom(string entity, string table, KeyColumnModel[] key, SourceModel[] sources, string[]? dependsOn = null,
        string column = "organization_id", string sqlType = "BIGINT") =>
        new("OrgScope.Sample.Entities." + entity, table, column, sqlType, key.ToEquatableArray(), sources.ToEquatableArray(),
            ConflictPolicy.Report, (dependsOn ?? []).ToEquatableArray());

    private static KeyColumnModel[] Keys(params string[] columns) => columns.Select(c => new KeyColumnModel(c, "BIGINT")).ToArray();

    private static SourceModel Membership(string name, string local, string table, string member, string org, string primary) =>
        new(SourceKind.Membership, name, local, table, member, org, primary);

    private static SourceModel OrgReference(string name, string local, string root = "organizations", string key = "id") =>
        new(SourceKind.OrgReference, name, local, root, key, key, null);

    private static SourceModel Scoped(string name, string local, string target, string orgColumn = "organization_id") =>
        new(SourceKind.ScopedReference, name, local, target, "id", orgColumn, null);

    private static EquatableArray<ScopedTableModel> Array(params ScopedTableModel[] tables) => tables.ToEquatableArray();
}
