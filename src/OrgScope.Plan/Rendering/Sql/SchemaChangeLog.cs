using System.Text;
using static OrgScope.Plan.Rendering.Sql.SqlText;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>
    /// orgscope_schema_changes: what 001 and 003 actually changed, so the rollbacks undo exactly that and never drop
    /// a column, index or constraint that was there before OrgScope (achievements.organization_id in the sample).
    /// A change is recorded right after it succeeds: a crash in between leaves it unrecorded, which only makes the
    /// rollback keep something, never remove too much.
    /// </summary>
    internal static class SchemaChangeLog
    {
        public const string Table = "orgscope_schema_changes";

        public const string Column = "column";
        public const string Index = "index";
        public const string NotNull = "not_null";
        public const string ForeignKey = "foreign_key";

        public static void AppendCreate(StringBuilder sql)
        {
            sql.Append("CREATE TABLE IF NOT EXISTS ").Append(Id(Table)).Append(" (\n");
            sql.Append("  `table_name` VARCHAR(64) NOT NULL,\n");
            sql.Append("  `change_kind` VARCHAR(16) NOT NULL,\n");
            sql.Append("  `object_name` VARCHAR(64) NOT NULL,\n");
            sql.Append("  `script` VARCHAR(64) NOT NULL,\n");
            sql.Append("  `changed_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n");
            sql.Append("  PRIMARY KEY (`table_name`, `change_kind`, `object_name`)\n");
            sql.Append(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n");
        }

        /// <summary>Records a change when <paramref name="madeVariable"/> is 1 (and it is not recorded yet).</summary>
        public static void AppendRecord(StringBuilder sql, string madeVariable, string table, string kind, string objectName, string script)
        {
            // Looked up first into a variable: MySQL forbids an INSERT ... SELECT whose subquery reads the target table.
            sql.Append("SET @orgscope_recorded = ").Append(IsRecorded(table, kind, objectName)).Append(";\n");
            sql.Append("INSERT INTO ").Append(Id(Table)).Append(" (`table_name`, `change_kind`, `object_name`, `script`)\n");
            sql.Append("  SELECT ").Append(Str(table)).Append(", ").Append(Str(kind)).Append(", ").Append(Str(objectName)).Append(", ").Append(Str(script))
                .Append(" FROM DUAL WHERE ").Append(madeVariable).Append(" = 1 AND @orgscope_recorded = 0;\n");
        }

        public static void AppendForget(StringBuilder sql, string table, string kind, string objectName, string? onlyIf = null)
        {
            sql.Append("DELETE FROM ").Append(Id(Table)).Append(" WHERE ").Append(Match(table, kind, objectName));
            if (onlyIf is not null)
            {
                sql.Append(" AND ").Append(onlyIf);
            }

            sql.Append(";\n");
        }

        /// <summary>A condition: the change is recorded.</summary>
        /// <summary>
        /// Undoes one change: runs <paramref name="undo"/> only where OrgScope recorded making the change and
        /// <paramref name="stillThere"/> holds, then forgets the record. The shape of every rollback step.
        /// </summary>
        public static void AppendUndo(StringBuilder sql, string table, string kind, string objectName, string stillThere, string undo)
        {
            AppendGuarded(sql, IsRecorded(table, kind, objectName) + " AND " + stillThere, undo);
            AppendForget(sql, table, kind, objectName);
        }

        public static string IsRecorded(string table, string kind, string objectName) =>
            $"EXISTS (SELECT 1 FROM {Id(Table)} WHERE {Match(table, kind, objectName)})";

        /// <summary>Leaves no trace once nothing is recorded any more: the schema is then exactly the legacy one.</summary>
        public static void AppendDropWhenEmpty(StringBuilder sql)
        {
            sql.Append("-- Drop the change log once it records nothing: the schema is then back to what it was before OrgScope.\n");
            AppendGuarded(sql, $"NOT EXISTS (SELECT 1 FROM {Id(Table)})", "DROP TABLE " + Id(Table));
        }

        private static string Match(string table, string kind, string objectName) =>
            $"`table_name` = {Str(table)} AND `change_kind` = {Str(kind)} AND `object_name` = {Str(objectName)}";
    }
}
