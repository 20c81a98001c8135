using System.Linq;
using System.Text;
using OrgScope.Model;
using static OrgScope.Plan.Rendering.Sql.SqlText;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>Undoes 003: drops the foreign key and makes the column nullable again, only where 003 recorded doing so.</summary>
    internal static class RollbackConstraintsScript
    {
        public const string FileName = "rollback-constraints.sql";

        public static string Emit(MigrationModel model)
        {
            var sql = new StringBuilder();
            ScriptHeader.Append(sql, FileName,
                "Undoes " + AddConstraintsScript.FileName + ": drops the foreign key to " + model.Root.Table + " and makes the organization",
                "column nullable again, only where " + SchemaChangeLog.Table + " records that 003 made the change",
                "(a constraint that existed before OrgScope stays). Keeps the columns, their values and indexes.",
                "Safe to run any number of times.");

            SchemaChangeLog.AppendCreate(sql);
            // Reverse run order: undo in the opposite order of doing.
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
            var foreignKey = SchemaObjectNames.ForeignKey(name, table.Column);
            sql.Append('\n').Append("-- ").Append(name).Append('.').Append(table.Column).Append('\n');

            SchemaChangeLog.AppendUndo(sql, name, SchemaChangeLog.ForeignKey, foreignKey, ForeignKeyExists(name, foreignKey),
                $"ALTER TABLE {Id(name)} DROP FOREIGN KEY {Id(foreignKey)}, ALGORITHM=INPLACE, LOCK=NONE");

            SchemaChangeLog.AppendUndo(sql, name, SchemaChangeLog.NotNull, table.Column,
                ColumnExists(name, table.Column) + " AND NOT " + ColumnIsNullable(name, table.Column),
                $"ALTER TABLE {Id(name)} MODIFY COLUMN {Id(table.Column)} {table.ColumnSqlType} NULL, ALGORITHM=INPLACE, LOCK=NONE");
        }
    }
}
