using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// Every value a backfill wrote has exactly one audit entry, and every audit entry is a value now in the table: nothing
/// audited twice, nothing written without an audit, nothing audited that was not written. Entries are read from the
/// audit's per-batch rows ([value, source, key...], docs/backfill.md "The audit").
/// </summary>
internal static class AuditInvariants
{
    public static async Task AssertAsync(TestDatabase db)
    {
        foreach (var (table, key) in SampleState.KeyColumns)
        {
            var columns = key.Split(", ");
            var entries = "FROM orgscope_audit au JOIN JSON_TABLE(au.written, '$[*]' COLUMNS (v BIGINT PATH '$[0]'" +
                          string.Concat(columns.Select((_, i) => $", k{i + 1} BIGINT PATH '$[{i + 2}]'")) + ")) AS w " +
                          $"WHERE au.table_name = '{table}'";
            // Audit entries (any run) that do not match the table's current value.
            var stale = Convert.ToInt64(await db.ScalarAsync(
                $"SELECT COUNT(*) {entries.Replace(" WHERE ", $" LEFT JOIN {table} t ON {string.Join(" AND ", columns.Select((c, i) => $"t.{c} = w.k{i + 1}"))} WHERE ")} " +
                "AND NOT (t.organization_id <=> w.v)"));
            Assert.True(stale == 0, $"{table}: {stale} audit entries differ from the table");

            // Rows the backfill set (all but the achievements that already had a value) each have exactly one entry.
            var audited = Convert.ToInt64(await db.ScalarAsync($"SELECT COUNT(*) {entries}"));
            var distinct = Convert.ToInt64(await db.ScalarAsync($"SELECT COUNT(DISTINCT {string.Join(", ", columns.Select((_, i) => $"w.k{i + 1}"))}) {entries}"));
            Assert.Equal(audited, distinct);
            Assert.Equal(audited, Convert.ToInt64(await db.ScalarAsync($"SELECT COALESCE(SUM(rows_written), 0) FROM orgscope_audit WHERE table_name = '{table}'")));
            var set = Convert.ToInt64(await db.ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE organization_id IS NOT NULL"));
            var preset = table == "achievements" ? Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM test_preset_achievements")) : 0;
            Assert.Equal(set - preset, audited);
        }
    }

    /// <summary>Values written (audit entries) of one run, or of every run.</summary>
    public static async Task<long> EntriesAsync(TestDatabase db, long? runId = null) =>
        Convert.ToInt64(await db.ScalarAsync("SELECT COALESCE(SUM(rows_written), 0) FROM orgscope_audit" + (runId is { } id ? $" WHERE run_id = {id}" : "")));
}
