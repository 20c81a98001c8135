using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Engine;
using OrgScope.Shared;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// A table keyed by a character column in a collation other than the server's default (CHAR(36) UUIDs in
/// utf8mb4_unicode_ci, organizations keyed by CHAR(36) too): the batch's audit entries are joined back to the table
/// through its primary key in the key's own collation, and backfill and rollback are exact.
/// </summary>
[Collection("MariaDB")]
public sealed class CharacterKeyTests(MariaDbServer server)
{
    private static string PlanJson() => $$$"""
        {"format":2,"generator":"{{{PlanReader.RendererVersion}}}",
         "root":{"entity":"T.Company","table":"companies","key":"id","sqlType":"CHAR(36)"},
         "tables":[{"entity":"T.Ticket","table":"tickets","column":"organization_id","sqlType":"CHAR(36)",
           "key":[{"column":"id","sqlType":"CHAR(36)"}],"onConflict":"Report","dependsOn":[],
           "sources":[{"kind":"OrgReference","name":"CompanyId","localColumn":"company_id","targetTable":"companies","targetKeyColumn":"id","targetOrgColumn":"id","primaryColumn":null,"description":""}],
           "backfill":{}}],
         "files":[]}
        """;

    [Fact]
    public async Task Rows_keyed_by_a_character_column_in_its_own_collation_are_backfilled_and_rolled_back_exactly()
    {
        await using var db = await server.CreateDatabaseAsync("bf_charkey");
        var plan = PlanReader.Parse(PlanJson(), "test");
        await db.ExecuteScriptAsync("""
            CREATE TABLE companies (id CHAR(36) COLLATE utf8mb4_unicode_ci NOT NULL PRIMARY KEY);
            CREATE TABLE tickets (id CHAR(36) COLLATE utf8mb4_unicode_ci NOT NULL PRIMARY KEY, company_id CHAR(36) COLLATE utf8mb4_unicode_ci NULL);
            INSERT INTO companies VALUES ('c-1'), ('C-2');
            """);
        // 700 tickets: UUID keys in either case (as applications write them), most with a company, some orphans.
        var values = Enumerable.Range(0, 700).Select(i =>
            $"('{(i % 2 == 0 ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid().ToString())}', {(i % 7 == 0 ? "'nope'" : i % 3 == 0 ? "'C-2'" : "'c-1'")})");
        await db.ExecuteScriptAsync("INSERT INTO tickets VALUES " + string.Join(", ", values));
        var runbook = new Runbook(plan, db.ConnectionString);
        await runbook.MigrateAsync();

        // The plan's statement names no collation: on this table it cannot even be run (the reason for StatementSource).
        var error = await Assert.ThrowsAsync<MySqlException>(() => db.ExecuteScriptAsync(
            "SET @run_id = 0; " + plan.Tables[0].Backfill[BackfillStatementNames.Update].Replace("@from_k1", "''").Replace("@to_k1", "'z'")));
        Assert.Equal(MySqlErrorCode.CannotAggregateTwoCollations, error.ErrorCode);
        await using (var connection = await db.OpenConnectionAsync())
        {
            var statements = await new StatementSource(plan).ForAsync(connection, plan.Tables[0]);
            Assert.Contains("k1 CHAR(36) COLLATE utf8mb4_unicode_ci PATH", statements[BackfillStatementNames.Update], StringComparison.Ordinal);
        }

        var run = await runbook.BackfillAsync(new BackfillOptions { BatchSize = 64 });

        var table = Assert.Single(run.Tables);
        Assert.Equal(600, table.RowsSet);
        Assert.Equal(100, table.RowsUnresolved);
        Assert.Equal(0L, Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM tickets WHERE NOT (BINARY organization_id <=> BINARY IF(company_id = 'nope', NULL, company_id))")));
        Assert.Equal(600L, Convert.ToInt64(await db.ScalarAsync("SELECT SUM(rows_written) FROM orgscope_audit")));

        // The app changes one ticket; rollback leaves it and restores every other one.
        var changed = (string)(await db.ScalarAsync("SELECT CONCAT(MIN(id), '') FROM tickets WHERE organization_id = 'c-1'"))!;
        await db.ExecuteScriptAsync($"UPDATE tickets SET organization_id = 'C-2' WHERE id = '{changed}'");
        var rollback = await runbook.RollbackAsync(run.RunId!.Value, batchSize: 64);

        var restored = Assert.Single(rollback.Tables);
        Assert.Equal((600L, 599L), (restored.Audited, restored.Restored));
        var left = Assert.Single(restored.ChangedSince);
        Assert.Equal((changed, "C-2", "c-1"), (left.RowKey, left.CurrentValue, left.WrittenValue));
        Assert.Equal(1L, Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM tickets WHERE organization_id IS NOT NULL")));
    }
}
