using System.Text;
using OrgScope.Model;
using static OrgScope.Plan.Rendering.Sql.SqlText;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>
    /// 003: NOT NULL, index and foreign key on every scoped table. Every table is checked before any table is changed,
    /// so a refusal (a NULL or an orphan left) stops the script with nothing altered.
    /// </summary>
    internal static class AddConstraintsScript
    {
        public const string FileName = "003-add-constraints.sql";

        public static string Emit(MigrationModel model)
        {
            var sql = new StringBuilder();
            ScriptHeader.Append(sql, FileName,
                "Makes the organization column NOT NULL, adds its index if missing and a foreign key to",
                $"{model.Root.Table}.{model.Root.KeyColumn}, on every scoped table. Each step runs only when needed.",
                "",
                "Refuses (error 1231, \"Variable 'sql_mode' can't be set to the value of 'orgscope: ...'\", naming",
                "the table and the count) while any table has a NULL organization or one that is not in " + model.Root.Table + ".",
                "All tables are checked before anything changes. Fill the gaps (orgscope backfill, 002-validate.sql",
                "shows them), then run it again. Undo with rollback-constraints.sql. Safe to run any number of times.",
                "",
                "The foreign key is added with foreign_key_checks off for that statement (ALGORITHM=INPLACE, no table",
                "copy): the orphan check just before it stands in for the server's own scan.");

            sql.Append("-- Checks: refuse before anything changes.\n");
            foreach (var table in model.Tables)
            {
                AppendChecks(sql, model.Root, table);
            }

            sql.Append("\n-- Constraints.\n");
            SchemaChangeLog.AppendCreate(sql);
            sql.Append("SET @orgscope_foreign_key_checks = @@SESSION.foreign_key_checks;\n");
            foreach (var table in model.Tables)
            {
                AppendConstraints(sql, model.Root, table);
            }

            return sql.ToString();
        }

        private static void AppendChecks(StringBuilder sql, OrgRootModel root, ScopedTableModel table)
        {
            var name = table.Table;
            var column = Id(table.Column);
            sql.Append('\n').Append("-- ").Append(name).Append('\n');
            AppendRefusal(sql, "NOT " + ColumnExists(name, table.Column),
                Str($"orgscope: {name} has no {table.Column} column; run {AddColumnsScript.FileName} first"));

            // Safe to name the column from here on: the refusal above stopped the script if it is missing.
            sql.Append($"SET @orgscope_count = (SELECT COUNT(*) FROM {Id(name)} WHERE {column} IS NULL);\n");
            AppendRefusal(sql, "@orgscope_count > 0",
                $"CONCAT({Str($"orgscope: {name} has ")}, @orgscope_count, {Str($" rows with NULL {table.Column}; run the backfill first (see 002-validate.sql)")})");

            sql.Append($"SET @orgscope_count = (SELECT COUNT(*) FROM {Id(name)} t LEFT JOIN {Id(root.Table)} r ON r.{Id(root.KeyColumn)} = t.{column}"
                + $" WHERE t.{column} IS NOT NULL AND r.{Id(root.KeyColumn)} IS NULL);\n");
            AppendRefusal(sql, "@orgscope_count > 0",
                $"CONCAT({Str($"orgscope: {name} has ")}, @orgscope_count, {Str($" rows whose {table.Column} is not in {root.Table}.{root.KeyColumn} (orphans); fix them first")})");
        }

        private static void AppendConstraints(StringBuilder sql, OrgRootModel root, ScopedTableModel table)
        {
            var name = table.Table;
            var index = SchemaObjectNames.Index(name, table.Column);
            var foreignKey = SchemaObjectNames.ForeignKey(name, table.Column);
            sql.Append('\n').Append("-- ").Append(name).Append('.').Append(table.Column).Append('\n');

            sql.Append("SET @orgscope_made = ").Append(ColumnIsNullable(name, table.Column)).Append(";\n");
            AppendGuarded(sql, "@orgscope_made = 1",
                $"ALTER TABLE {Id(name)} MODIFY COLUMN {Id(table.Column)} {table.ColumnSqlType} NOT NULL, ALGORITHM=INPLACE, LOCK=NONE");
            SchemaChangeLog.AppendRecord(sql, "@orgscope_made", name, SchemaChangeLog.NotNull, table.Column, FileName);

            sql.Append("SET @orgscope_made = NOT ").Append(IndexLeadingWith(name, table.Column)).Append(";\n");
            AppendGuarded(sql, "@orgscope_made = 1",
                $"ALTER TABLE {Id(name)} ADD INDEX {Id(index)} ({Id(table.Column)}), ALGORITHM=INPLACE, LOCK=NONE");
            SchemaChangeLog.AppendRecord(sql, "@orgscope_made", name, SchemaChangeLog.Index, index, FileName);

            sql.Append("SET @orgscope_made = NOT ").Append(ForeignKeyTo(name, table.Column, root.Table)).Append(";\n");
            sql.Append("SET SESSION foreign_key_checks = 0;\n");
            AppendGuarded(sql, "@orgscope_made = 1",
                $"ALTER TABLE {Id(name)} ADD CONSTRAINT {Id(foreignKey)} FOREIGN KEY ({Id(table.Column)}) REFERENCES {Id(root.Table)} ({Id(root.KeyColumn)}), ALGORITHM=INPLACE, LOCK=NONE");
            sql.Append("SET SESSION foreign_key_checks = @orgscope_foreign_key_checks;\n");
            SchemaChangeLog.AppendRecord(sql, "@orgscope_made", name, SchemaChangeLog.ForeignKey, foreignKey, FileName);
        }
    }
}
