using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Preflight;
using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

/// <summary>
/// <c>check</c> compares every organization column, planned or existing, with the key it will reference, for each pair
/// the server refuses a foreign key between; each case also asks the server itself, so the rule cannot drift from it.
/// </summary>
[Collection("MariaDB")]
public sealed class KeyTypeTests(MariaDbServer server)
{
    public static TheoryData<string, string, string?, string, string> Mismatches => new()
    {
        // plan root type, tenants.id, existing notes.organization_id (null: migrate will add it), expected mismatch, expected fix
        { "BIGINT", "BIGINT UNSIGNED", null, "(signed against unsigned)", "as `ulong`, or with [Column(TypeName = \"BIGINT UNSIGNED\")]" },
        { "INT", "BIGINT", null, "(INT against BIGINT)", "as `long`, or with [Column(TypeName = \"BIGINT\")]" },
        { "BIGINT", "BIGINT", "INT NULL", "(INT against BIGINT)", "ALTER TABLE `notes` MODIFY COLUMN `organization_id` BIGINT NULL;" },
        { "CHAR(36)", "CHAR(36) COLLATE utf8mb4_bin", null, "(collation utf8mb4_general_ci against utf8mb4_bin)",
            "with [Column(TypeName = \"CHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin\")]" },
        { "CHAR(36)", "CHAR(36) CHARACTER SET latin1", null, "(character set utf8mb4 against latin1)",
            "with [Column(TypeName = \"CHAR(36) CHARACTER SET latin1 COLLATE latin1_swedish_ci\")]" },
        { "CHAR(36)", "CHAR(36)", "CHAR(36) CHARACTER SET latin1 NULL", "(character set latin1 against utf8mb4)",
            "ALTER TABLE `notes` MODIFY COLUMN `organization_id` CHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NULL;" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public async Task A_key_the_foreign_key_cannot_pair_with_is_an_error_with_its_fix(string planType, string rootKey, string? existing, string mismatch, string fix)
    {
        await using var db = await CreateAsync(rootKey, existing, sourceType: rootKey);

        var report = await CheckAsync(db, Plan(planType));

        var error = Assert.Single(report.Findings, f => f.Severity == Severity.Error);
        Assert.Contains("cannot be created " + mismatch, error.Message);
        Assert.Contains(fix, error.Fix);
        // The server agrees: the foreign key 003 would add fails on this pair.
        await Assert.ThrowsAsync<MySqlException>(() => AddForeignKeyAsync(db, planType, existing));
    }

    [Theory]
    [InlineData("BIGINT UNSIGNED", "BIGINT UNSIGNED", null)]
    [InlineData("CHAR(36)", "CHAR(36)", null)]
    [InlineData("CHAR(36)", "VARCHAR(64)", null)]
    [InlineData("BIGINT", "BIGINT", "BIGINT NULL")]
    // The fix the collation case prints: the root key's type carries its character set and collation into every column.
    [InlineData("CHAR(36) CHARACTER SET UTF8MB4 COLLATE UTF8MB4_BIN", "CHAR(36) COLLATE utf8mb4_bin", null)]
    public async Task Keys_the_foreign_key_pairs_with_pass_and_the_server_adds_the_foreign_key(string planType, string rootKey, string? existing)
    {
        await using var db = await CreateAsync(rootKey, existing, sourceType: rootKey);

        var report = await CheckAsync(db, Plan(planType));

        Assert.DoesNotContain(report.Findings, f => f.Severity == Severity.Error);
        await AddForeignKeyAsync(db, planType, existing);
        Assert.Contains("FOREIGN KEY (`organization_id`) REFERENCES `tenants` (`id`)", await db.ShowCreateTableAsync("notes"));
    }

    [Fact]
    public async Task A_source_column_of_another_collation_is_an_error_because_the_join_fails()
    {
        await using var db = await CreateAsync("CHAR(36) COLLATE utf8mb4_general_ci", null, sourceType: "CHAR(36) COLLATE utf8mb4_unicode_ci");
        await db.ExecuteScriptAsync("INSERT INTO tenants VALUES ('a'); INSERT INTO notes (id, tenant_ref) VALUES (1, 'a');");

        var report = await CheckAsync(db, Plan("CHAR(36)"));

        var error = Assert.Single(report.Findings, f => f.Severity == Severity.Error);
        Assert.Contains("`notes`.`tenant_ref` (source TenantRef) is char(36) utf8mb4_unicode_ci, but `tenants`.`id` is char(36) utf8mb4_general_ci: the backfill's join fails (Illegal mix of collations)", error.Message);
        var server = await Assert.ThrowsAsync<MySqlException>(() => db.ScalarAsync("SELECT COUNT(*) FROM notes t JOIN tenants r ON r.id = t.tenant_ref"));
        Assert.Contains("Illegal mix of collations", server.Message);
    }

    private async Task<TestDatabase> CreateAsync(string rootKey, string? existing, string sourceType)
    {
        var db = await server.CreateDatabaseAsync("keytype");
        var organization = existing is null ? "" : $", organization_id {existing}";
        await db.ExecuteScriptAsync($"""
            CREATE TABLE tenants (id {rootKey} NOT NULL, PRIMARY KEY (id)) ENGINE=InnoDB;
            CREATE TABLE notes (id BIGINT NOT NULL, tenant_ref {sourceType} NULL{organization},
              PRIMARY KEY (id), KEY ix_notes_tenant_ref (tenant_ref)) ENGINE=InnoDB;
            """);
        return db;
    }

    private static async Task<PreflightReport> CheckAsync(TestDatabase db, PlanDocument plan)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await PreflightCheck.RunAsync(plan, connection, PreflightCheck.DefaultRowsPerSecond, CancellationToken.None);
    }

    // What 001 and 003 would do for this pair: the column as the plan types it (unless it exists), then the foreign key.
    private static async Task AddForeignKeyAsync(TestDatabase db, string planType, string? existing)
    {
        if (existing is null)
        {
            await db.ExecuteScriptAsync($"ALTER TABLE notes ADD COLUMN organization_id {planType} NULL, ADD INDEX ix_notes_organization_id (organization_id);");
        }

        await db.ExecuteScriptAsync("SET SESSION foreign_key_checks = 0; ALTER TABLE notes ADD CONSTRAINT fk_notes_organization_id FOREIGN KEY (organization_id) REFERENCES tenants (id), ALGORITHM=INPLACE, LOCK=NONE;");
    }

    /// <summary>A one-table plan: tenants (the root, key typed <paramref name="rootType"/>) and notes, filled from notes.tenant_ref.</summary>
    public static PlanDocument Plan(string rootType) => PlanReader.Parse($$"""
        {"format":{{PlanDocument.CurrentFormat}},"generator":"{{PlanReader.RendererVersion}}",
         "root":{"entity":"Shop.Tenant","table":"tenants","key":"id","sqlType":"{{rootType}}"},
         "tables":[{"entity":"Shop.Note","table":"notes","column":"organization_id","sqlType":"{{rootType}}",
           "key":[{"column":"id","sqlType":"BIGINT"}],"onConflict":"Report","dependsOn":[],
           "sources":[{"kind":"OrgReference","name":"TenantRef","localColumn":"tenant_ref","targetTable":"tenants","targetKeyColumn":"id","targetOrgColumn":"id","primaryColumn":null}]}]}
        """, "test");
}
