using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// Every value a backfill wrote has exactly one audit row, and every audit row is a value now in the table: nothing
/// audited twice, nothing written without an audit, nothing audited that was not written.
/// </summary>
internal static class AuditInvariants
{
    public static async Task AssertAsync(TestDatabase db)
    {
        foreach (var (table, key) in SampleState.KeyColumns)
        {
            var rowKey = key.Contains(',') ? $"CONCAT({key.Replace(", ", ", ',', ")})" : $"CAST({key} AS CHAR)";
            // Audit rows (any run) that do not match the table's current value.
            var stale = Convert.ToInt64(await db.ScalarAsync(
                $"SELECT COUNT(*) FROM orgscope_audit a LEFT JOIN {table} t ON a.row_key = CONVERT({rowKey} USING utf8mb4) COLLATE utf8mb4_bin " +
                $"WHERE a.table_name = '{table}' AND NOT (t.organization_id <=> a.new_value)"));
            Assert.True(stale == 0, $"{table}: {stale} audit row(s) differ from the table");

            // Rows the backfill set (all but the achievements that already had a value) each have exactly one audit row.
            var audited = Convert.ToInt64(await db.ScalarAsync($"SELECT COUNT(*) FROM orgscope_audit WHERE table_name = '{table}'"));
            var distinct = Convert.ToInt64(await db.ScalarAsync($"SELECT COUNT(DISTINCT row_key) FROM orgscope_audit WHERE table_name = '{table}'"));
            Assert.Equal(audited, distinct);
            var set = Convert.ToInt64(await db.ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE organization_id IS NOT NULL"));
            var preset = table == "achievements" ? Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM test_preset_achievements")) : 0;
            Assert.Equal(set - preset, audited);
        }
    }
}

