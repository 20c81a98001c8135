using System.Collections.Generic;
using System.Linq;
using OrgScope.Model;
using N = OrgScope.Shared.BackfillStatementNames;

namespace OrgScope.Plan.Rendering.Backfill
{
    /// <summary>
    /// Emits the named statements the runtime runs for one table (docs/backfill.md): per batch, in one transaction,
    /// select-and-lock the batch's NULL rows → audit → update → unresolved (the runtime then advances its checkpoint);
    /// the end of the next worker range; the keyset scans of the dry run; the dry-run count; rollback. Set-based within
    /// the batch: the batch's audit row is the single record of what is written, and the UPDATE reads its values from
    /// it, so the audit and the table can never disagree. Pure, deterministic function of the model (and, for character
    /// key columns, of their collations when the server said).
    /// Parameters (MySqlConnector): @run_id, @batch_no, @batch_size, @after_k*, @from_k*, @to_k*, @until_k*, @range_offset, @audit_id.
    /// </summary>
    internal static class BackfillSqlEmitter
    {
        private const string T = "t";
        private const string Au = "au";

        // collations: of each character key column (by column name), when the server told; see PayloadSql.
        public static EquatableArray<NamedSql> Emit(MigrationModel model, ScopedTableModel table, IReadOnlyDictionary<string, string>? collations = null)
        {
            var key = table.Key;
            var name = SqlText.Str(table.Table);
            var from = SqlText.Id(table.Table) + " AS " + T;
            var column = SqlText.Col(T, table.Column);
            var rowKey = KeySql.RowKey(T, key);
            var select = "SELECT " + KeySql.SelectList(T, key) + " FROM " + from;
            var order = " ORDER BY " + KeySql.OrderBy(T, key) + " LIMIT @batch_size";
            var inRange = KeySql.Range(T, key) + " AND " + column + " IS NULL";
            var unresolvedOfRow = "SELECT 1 FROM " + SqlText.Id(SqlText.UnresolvedTable) + " AS u WHERE u.`table_name` = " + name + " AND u.`row_key` = " + rowKey;
            var notUnresolvedThisRun = "NOT EXISTS (" + unresolvedOfRow + " AND u.`run_id` = @run_id)";
            var notUnresolvedByOthers = "NOT EXISTS (" + unresolvedOfRow + " AND u.`run_id` <> @run_id)";
            var orgType = model.Root.KeySqlType;
            // The batch's audit row joined to its entries and, through the primary key, to the rows they name.
            var payload = SqlText.Id(SqlText.AuditTable) + " AS " + Au + " JOIN " + PayloadSql.Table(Au, table, orgType, collations) +
                          " JOIN " + from + " ON " + PayloadSql.KeyJoin(T, table);

            // The batch's keys are its NULL rows, selected and locked in one statement: under READ COMMITTED InnoDB
            // keeps the lock only on rows that match, so rows that already have an organization stay unlocked. The
            // primary key is forced: given `col IS NULL`, both servers otherwise read every NULL row through the
            // organization index and sort them by key for each batch (110 ms per batch at 1M rows, not 20).
            const string forUpdate = " FOR UPDATE";
            var selectByKey = select + " FORCE INDEX (PRIMARY)";
            var statements = new List<NamedSql>
            {
                new(N.KeysFirst, select + order),
                new(N.KeysAfter, select + " WHERE " + KeySql.After(T, key) + order),
                new(N.LockKeysFirst, selectByKey + " WHERE " + column + " IS NULL" + order + forUpdate),
                new(N.LockKeysAfter, selectByKey + " WHERE " + column + " IS NULL AND " + KeySql.After(T, key) + order + forUpdate),
                // The same inside a worker range that ends at @until_k* (the last range has no end: it uses the above).
                new(N.LockKeysFirstUntil, selectByKey + " WHERE " + column + " IS NULL AND " + KeySql.Until(T, key) + order + forUpdate),
                new(N.LockKeysAfterUntil, selectByKey + " WHERE " + column + " IS NULL AND " + KeySql.After(T, key) + " AND " + KeySql.Until(T, key) + order + forUpdate),
                // A worker range's last key: @range_offset rows on in key order (any value, no lock; none near the end).
                new(N.RangeEndFirst, select + " ORDER BY " + KeySql.OrderBy(T, key) + " LIMIT 1 OFFSET @range_offset"),
                new(N.RangeEndAfter, select + " WHERE " + KeySql.After(T, key) + " ORDER BY " + KeySql.OrderBy(T, key) + " LIMIT 1 OFFSET @range_offset"),
                // The optimizer's estimate (index dives on the organization column's index): the main pass's total.
                new(N.EstimateNullRows, "EXPLAIN SELECT 1 FROM " + from + " WHERE " + column + " IS NULL"),
                new(N.NullKeysFirst, select + " WHERE " + column + " IS NULL AND " + notUnresolvedThisRun + order + forUpdate),
                new(N.NullKeysAfter, select + " WHERE " + column + " IS NULL AND " + KeySql.After(T, key) + " AND " + notUnresolvedThisRun + order + forUpdate),
                // backfill --follow: the rows still NULL except those an earlier run left for a person; the rows this run
                // left unresolved are tried again each sweep (a row the old code inserted before the row it points at, or
                // before its membership, resolves once that row is there).
                new(N.FollowKeysFirst, select + " WHERE " + column + " IS NULL AND " + notUnresolvedByOthers + order + forUpdate),
                new(N.FollowKeysAfter, select + " WHERE " + column + " IS NULL AND " + KeySql.After(T, key) + " AND " + notUnresolvedByOthers + order + forUpdate),
                new(N.Audit, Audit(model, table, name, inRange)),
                // The audit row the batch's `audit` inserted just before, in the same command and session.
                new(N.Update,
                    "UPDATE " + payload + " SET " + column + " = " + PayloadSql.Value(orgType) +
                    " WHERE " + Au + ".`audit_id` = LAST_INSERT_ID() AND " + inRange),
                new(N.Unresolved, Unresolved(model, table, name, inRange)),
                new(N.DryRun, DryRun(model, table, inRange)),
                // One audit row at a time: rows whose value is neither the written one nor NULL (the value before: the
                // backfill writes NULL rows only) were changed since, and are locked, reported and left alone.
                new(N.RollbackConflicts,
                    "SELECT " + rowKey + " AS row_key, " + column + " AS current_value, " + PayloadSql.Value(orgType) + " AS written_value FROM " + payload +
                    " WHERE " + Au + ".`audit_id` = @audit_id AND " + column + " IS NOT NULL AND NOT (" + PayloadSql.IsWritten(column, orgType) + ") FOR UPDATE"),
                new(N.Rollback,
                    "UPDATE " + payload + " SET " + column + " = NULL WHERE " + Au + ".`audit_id` = @audit_id AND " + PayloadSql.IsWritten(column, orgType)),
            };
            return statements.ToEquatableArray();
        }

        // The rows of the batch still NULL, each source's yield and problem as columns o1, w1, (c1) ... A derived table
        // whose select list holds subqueries is materialized, so a membership subquery runs once per row, not once per
        // use in the decision expressions.
        private static (string Sql, List<SourceExpr> Columns) Derived(MigrationModel model, ScopedTableModel table, string where, bool candidates, bool predict, bool keys = false)
        {
            var resolution = SourceResolution.Build(model, table, T, predict);
            var list = new List<string> { keys ? KeySql.SelectList(T, table.Key) : KeySql.RowKey(T, table.Key) + " AS row_key" };
            var columns = new List<SourceExpr>();
            for (var i = 0; i < resolution.Sources.Count; i++)
            {
                var n = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var s = resolution.Sources[i];
                list.Add(s.Org + " AS o" + n);
                list.Add(s.Why + " AS w" + n);
                if (candidates)
                {
                    list.Add(s.Candidates + " AS c" + n);
                }

                columns.Add(new SourceExpr(s.Name, "r.o" + n, "r.w" + n, candidates ? "r.c" + n : "NULL"));
            }

            var sql = "(SELECT " + SqlText.Join(", ", list) + " FROM " + SqlText.Id(table.Table) + " AS " + T +
                      string.Concat(resolution.Joins.Select(j => " " + j)) + " WHERE " + where + ") AS r";
            return (sql, columns);
        }

        // One row per batch, always (an aggregate without GROUP BY): its entries are the batch's resolved rows, so the
        // UPDATE after it finds its values at LAST_INSERT_ID(). The sweep audits as the main pass does: a row this run
        // wrote that the app set back to NULL is written again, in a later batch (rollback undoes the newest first).
        private static string Audit(MigrationModel model, ScopedTableModel table, string name, string inRange)
        {
            var (derived, s) = Derived(model, table, inRange, candidates: false, predict: false, keys: true);
            var org = Decision.Org(s, table.OnConflict);
            return "INSERT INTO " + SqlText.Id(SqlText.AuditTable) + " (`run_id`, `table_name`, `batch_no`, `rows_written`, `written`)" +
                   " SELECT @run_id, " + name + ", @batch_no, COUNT(*), COALESCE(JSON_ARRAYAGG(" +
                   PayloadSql.Entry(table, "r", org, Decision.Label(s, table.OnConflict), model.Root.KeySqlType) + "), JSON_ARRAY())" +
                   " FROM " + derived + " WHERE " + org + " IS NOT NULL";
        }

        private static string Unresolved(MigrationModel model, ScopedTableModel table, string name, string inRange)
        {
            var (derived, s) = Derived(model, table, inRange, candidates: true, predict: false);
            return "INSERT INTO " + SqlText.Id(SqlText.UnresolvedTable) + " (`table_name`, `row_key`, `reason`, `candidates`, `run_id`)" +
                   " SELECT x.table_name, x.row_key, x.reason, x.candidates, x.run_id FROM (SELECT " + name + " AS table_name, r.row_key AS row_key, " +
                   Decision.Reason(s) + " AS reason, " + Decision.Candidates(s) + " AS candidates, @run_id AS run_id FROM " + derived +
                   " WHERE " + Decision.Org(s, table.OnConflict) + " IS NULL) AS x" +
                   " ON DUPLICATE KEY UPDATE `reason` = x.reason, `candidates` = x.candidates, `run_id` = x.run_id";
        }

        private static string DryRun(MigrationModel model, ScopedTableModel table, string inRange)
        {
            var (derived, s) = Derived(model, table, inRange, candidates: false, predict: true);
            var org = Decision.Org(s, table.OnConflict);
            return "SELECT x.outcome, x.detail, COUNT(*) AS row_count FROM (SELECT CASE WHEN " + org + " IS NULL THEN 'unresolved' ELSE 'set' END AS outcome," +
                   " CASE WHEN " + org + " IS NULL THEN " + Decision.Reason(s) + " ELSE " + Decision.Label(s, table.OnConflict) + " END AS detail FROM " +
                   derived + ") AS x GROUP BY x.outcome, x.detail ORDER BY x.outcome, x.detail";
        }
    }
}
