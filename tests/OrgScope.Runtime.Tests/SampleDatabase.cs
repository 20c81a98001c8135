using OrgScope.Plan;
using OrgScope.Sample.Data;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

[CollectionDefinition("MariaDB")]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbServer>;

/// <summary>A fresh database holding the sample's legacy schema and deterministic data, migrated (001 + OrgScope's tables).</summary>
internal static class SampleDatabase
{
    public static async Task<(TestDatabase Db, PlanDocument Plan)> CreateAsync(MariaDbServer server, string prefix, int tasks, int seed, bool migrate = true)
    {
        var db = await server.CreateDatabaseAsync(prefix);
        await SampleData.CreateSchemaAsync(db.ConnectionString);
        await SampleData.LoadAsync(db.ConnectionString, tasks, seed);
        // The achievements that already had an organization, remembered for the audit invariants.
        await db.ExecuteScriptAsync("CREATE TABLE test_preset_achievements AS SELECT id FROM achievements WHERE organization_id IS NOT NULL");
        var plan = SamplePlan.Document();
        if (migrate)
        {
            await new Runbook(plan, db.ConnectionString).MigrateAsync();
        }

        return (db, plan);
    }

    public static async Task<Dictionary<string, long?>> ChecksumsAsync(TestDatabase db, IEnumerable<string> tables)
    {
        var sums = new Dictionary<string, long?>();
        foreach (var table in tables)
        {
            sums[table] = await db.ChecksumTableAsync(table);
        }

        return sums;
    }

    /// <summary>Every batch exactly the batch size: for tests that count batches or name where one ends.</summary>
    public static readonly RunbookOptions FixedBatches = new() { TargetBatchTime = TimeSpan.Zero };

    /// <summary>
    /// Stands in for the person who resolves what the backfill could not: every NULL or orphan organization of the scoped
    /// tables becomes organization 1, so that constrain has nothing left to refuse.
    /// </summary>
    public static async Task ResolveLeftoversAsync(TestDatabase db)
    {
        foreach (var table in SamplePlan.Tables)
        {
            await db.ExecuteScriptAsync($"""
                UPDATE `{table}` SET organization_id = 1 WHERE organization_id IS NULL;
                UPDATE `{table}` t LEFT JOIN organizations o ON o.id = t.organization_id SET t.organization_id = 1 WHERE o.id IS NULL;
                """);
        }
    }

    public static readonly string[] AppTables =
        ["organizations", "users", "user_organizations", "tasks", "rewards", "user_rewards", "achievements", "user_achievements"];
}
