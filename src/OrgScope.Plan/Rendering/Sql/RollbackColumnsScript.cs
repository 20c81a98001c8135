using System.Linq;
using System.Text;
using OrgScope.Model;
using static OrgScope.Plan.Rendering.Sql.SqlText;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>Undoes 001 (destructive): drops the index and the column, only where 001 or 003 recorded adding them.</summary>
    internal static class RollbackColumnsScript
    {
        public const string FileName = "rollback-columns.sql";

        public static string Emit(MigrationModel model)
        {
            var sql = new StringBuilder();
            ScriptHeader.Append(sql, FileName,
                "DESTRUCTIVE, LAST RESORT: drops the organization columns OrgScope added, and every value in them.",
                "Take a backup first. To undo a backfill, restore values from the audit instead (orgscope rollback).",
                "",
                "Drops the index and the column only where " + SchemaChangeLog.Table + " records that OrgScope added them:",
                "a column or index that existed before OrgScope stays. Refuses while a foreign key added by",
                AddConstraintsScript.FileName + " remains (run " + RollbackConstraintsScript.FileName + " first) or an insert trigger of",
                InsertTriggersScript.FileName + " does (run " + RollbackInsertTriggersScript.FileName + " first).",
                "Safe to run any number of times.");

            SchemaChangeLog.AppendCreate(sql);
            sql.Append("\n-- Checks: refuse before anything changes.\n");
            foreach (var table in model.Tables)
            {
                var foreignKey = SchemaObjectNames.ForeignKey(table.Table, table.Column);
                AppendRefusal(sql,
                    SchemaChangeLog.IsRecorded(table.Table, SchemaChangeLog.ForeignKey, foreignKey) + " AND " + ForeignKeyExists(table.Table, foreignKey),
                    Str($"orgscope: {table.Table} still has the foreign key {foreignKey}; run {RollbackConstraintsScript.FileName} first"));
                // 004's trigger sets the column on every insert: without the column, every insert would fail.
                var trigger = SchemaObjectNames.InsertTrigger(table.Table);
                AppendRefusal(sql, TriggerExists(trigger),
                    Str($"orgscope: {table.Table} still has the insert trigger {trigger}; run {RollbackInsertTriggersScript.FileName} first"));
            }

            foreach (var table in model.Tables.Reverse())
            {
                AppendTable(sql, table);
            }

            sql.Append('\n');
            SchemaChangeLog.AppendDropWhenEmpty(sql);
            return sql.ToString();
        }

        private static void AppendTable(StringBuilder sql, ScopedTableModel table)
        {
            var name = table.Table;
            var index = SchemaObjectNames.Index(name, table.Column);
            sql.Append('\n').Append("-- ").Append(name).Append('.').Append(table.Column).Append('\n');

            SchemaChangeLog.AppendUndo(sql, name, SchemaChangeLog.Index, index, IndexExists(name, index),
                $"ALTER TABLE {Id(name)} DROP INDEX {Id(index)}, ALGORITHM=INPLACE, LOCK=NONE");

            // No ALGORITHM: INSTANT drop needs MySQL 8.0.29; let each server pick its best.
            SchemaChangeLog.AppendUndo(sql, name, SchemaChangeLog.Column, table.Column, ColumnExists(name, table.Column),
                $"ALTER TABLE {Id(name)} DROP COLUMN {Id(table.Column)}");
            // A dropped column takes its NOT NULL with it; a column that stays keeps its record for rollback-constraints.
            SchemaChangeLog.AppendForget(sql, name, SchemaChangeLog.NotNull, table.Column, "NOT " + ColumnExists(name, table.Column));
        }
    }
}
