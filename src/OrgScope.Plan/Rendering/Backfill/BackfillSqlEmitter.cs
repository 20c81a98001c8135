using System.Collections.Generic;
using System.Linq;
using OrgScope.Model;
using N = OrgScope.Shared.BackfillStatementNames;

namespace OrgScope.Plan.Rendering.Backfill
{
    /// <summary>
    /// Emits the named statements the runtime runs for one table (docs/backfill.md): per batch, in one transaction,
    /// select-and-lock the batch's NULL rows → audit → update → unresolved (the runtime then advances its checkpoint);
    /// the end of the next worker range; the keyset scans of the dry run and the rollback; the dry-run count; rollback. Set-based within the batch: the audit rows are the single record
    /// of what is written, and the UPDATE joins them, so the audit and the table can never disagree. Pure,
    /// deterministic function of the model.
    /// Parameters (MySqlConnector): @run_id, @batch_no, @batch_size, @after_k*, @from_k*, @to_k*, @until_k*, @range_offset.
    /// </summary>
    internal static class BackfillSqlEmitter
    {
        private const string T = "t";

        public static EquatableArray<NamedSql> Emit(MigrationModel model, ScopedTableModel table)
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
            var auditOfRow = SqlText.Id(SqlText.AuditTable) + " AS au ON au.`run_id` = @run_id AND au.`table_name` = " + name + " AND au.`row_key` = " + rowKey;

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
                new(N.Audit, Audit(model, table, name, inRange, sweep: false)),
                new(N.AuditSweep, Audit(model, table, name, inRange, sweep: true)),
                new(N.Update,
                    "UPDATE " + from + " JOIN " + auditOfRow + " AND au.`batch_no` = @batch_no" +
                    " SET " + column + " = au.`new_value` WHERE " + inRange),
                new(N.Unresolved, Unresolved(model, table, name, inRange)),
                new(N.DryRun, DryRun(model, table, inRange)),
                new(N.RollbackConflicts,
                    "SELECT au.`row_key`, " + column + " AS current_value, au.`new_value` FROM " + from + " JOIN " + auditOfRow +
                    " WHERE " + KeySql.Range(T, key) + " AND NOT (" + column + " <=> au.`new_value`) AND NOT (" + column + " <=> au.`old_value`) FOR UPDATE"),
                new(N.Rollback,
                    "UPDATE " + from + " JOIN " + auditOfRow + " SET " + column + " = au.`old_value`" +
                    " WHERE " + KeySql.Range(T, key) + " AND " + column + " <=> au.`new_value`"),
            };
            return statements.ToEquatableArray();
        }

        // The rows of the batch still NULL, each source's yield and problem as columns o1, w1, (c1) ... A derived table
        // whose select list holds subqueries is materialized, so a membership subquery runs once per row, not once per
        // use in the decision expressions.
        private static (string Sql, List<SourceExpr> Columns) Derived(MigrationModel model, ScopedTableModel table, string where, bool candidates, bool predict, string extraJoin = "")
        {
            var resolution = SourceResolution.Build(model, table, T, predict);
            var list = new List<string> { KeySql.RowKey(T, table.Key) + " AS row_key" };
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
                      string.Concat(resolution.Joins.Select(j => " " + j)) + extraJoin + " WHERE " + where + ") AS r";
            return (sql, columns);
        }

        private static string Audit(MigrationModel model, ScopedTableModel table, string name, string inRange, bool sweep)
        {
            // The sweep revisits NULL rows after the main pass; a row this run already wrote (and the app set back to
            // NULL) is left for validate rather than audited twice.
            var extraJoin = sweep
                ? " LEFT JOIN " + SqlText.Id(SqlText.AuditTable) + " AS p ON p.`run_id` = @run_id AND p.`table_name` = " + name +
                  " AND p.`row_key` = " + KeySql.RowKey(T, table.Key)
                : "";
            var where = sweep ? inRange + " AND p.`row_key` IS NULL" : inRange;
            var (derived, s) = Derived(model, table, where, candidates: false, predict: false, extraJoin);
            var org = Decision.Org(s, table.OnConflict);
            return "INSERT INTO " + SqlText.Id(SqlText.AuditTable) +
                   " (`run_id`, `table_name`, `row_key`, `batch_no`, `old_value`, `new_value`, `source`)" +
                   " SELECT @run_id, " + name + ", r.row_key, @batch_no, NULL, " + org + ", " + Decision.Label(s, table.OnConflict) +
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
