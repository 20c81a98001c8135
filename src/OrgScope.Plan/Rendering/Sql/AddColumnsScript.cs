using System.Text;
using OrgScope.Model;
using static OrgScope.Plan.Rendering.Sql.SqlText;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>001: the nullable organization column and its index on every scoped table, each only if missing.</summary>
    internal static class AddColumnsScript
    {
        public const string FileName = "001-add-organization-id-columns.sql";

        public static string Emit(MigrationModel model)
        {
            var sql = new StringBuilder();
            ScriptHeader.Append(sql, FileName,
                "Adds the organization column (nullable, " + model.Root.KeySqlType + ", ALGORITHM=INSTANT) and an index on it",
                "(its own statement, ALGORITHM=INPLACE, LOCK=NONE) to every scoped table, each only when missing.",
                "A column or index that already exists is left alone. What this script adds is recorded in",
                SchemaChangeLog.Table + ", so rollback-columns.sql removes exactly that and nothing else.",
                "Safe to run any number of times.");

            SchemaChangeLog.AppendCreate(sql);
            foreach (var table in model.Tables)
            {
                AppendTable(sql, table);
            }

            return sql.ToString();
        }

        private static void AppendTable(StringBuilder sql, ScopedTableModel table)
        {
            var index = SchemaObjectNames.Index(table.Table, table.Column);
            sql.Append('\n').Append("-- ").Append(table.Table).Append('.').Append(table.Column).Append('\n');

            sql.Append("SET @orgscope_made = NOT ").Append(ColumnExists(table.Table, table.Column)).Append(";\n");
            AppendGuarded(sql, "@orgscope_made = 1",
                $"ALTER TABLE {Id(table.Table)} ADD COLUMN {Id(table.Column)} {table.ColumnSqlType} NULL, ALGORITHM=INSTANT");
            SchemaChangeLog.AppendRecord(sql, "@orgscope_made", table.Table, SchemaChangeLog.Column, table.Column, FileName);

            sql.Append("SET @orgscope_made = NOT ").Append(IndexLeadingWith(table.Table, table.Column)).Append(";\n");
            AppendGuarded(sql, "@orgscope_made = 1",
                $"ALTER TABLE {Id(table.Table)} ADD INDEX {Id(index)} ({Id(table.Column)}), ALGORITHM=INPLACE, LOCK=NONE");
            SchemaChangeLog.AppendRecord(sql, "@orgscope_made", table.Table, SchemaChangeLog.Index, index, FileName);
        }
    }
}
