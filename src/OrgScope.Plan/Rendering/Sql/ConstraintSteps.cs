using System.Collections.Generic;
using System.Text;
using OrgScope.Model;
using static OrgScope.Plan.Rendering.Sql.SqlText;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>
    /// The statements of 003 one step at a time: the counts its checks refuse on, and per table the NOT NULL, index and
    /// foreign key steps, each guarded by INFORMATION_SCHEMA and followed by its record in orgscope_schema_changes. The
    /// file (<see cref="AddConstraintsScript"/>) is made of these texts, and <c>orgscope constrain</c> runs the same texts
    /// step by step (<see cref="PlanTable.Constraints"/>), so that it can stop and undo between two steps.
    /// </summary>
    internal static class ConstraintSteps
    {
        /// <summary>Before the first step: the change log, and the session's foreign_key_checks to restore after each foreign key.</summary>
        public static string Prelude()
        {
            var sql = new StringBuilder();
            SchemaChangeLog.AppendCreate(sql);
            sql.Append("SET @orgscope_foreign_key_checks = @@SESSION.foreign_key_checks;\n");
            return sql.ToString();
        }

        public static string NullCount(ScopedTableModel table) =>
            $"SELECT COUNT(*) FROM {Id(table.Table)} WHERE {Id(table.Column)} IS NULL";

        public static string OrphanCount(OrgRootModel root, ScopedTableModel table)
        {
            var column = Id(table.Column);
            return $"SELECT COUNT(*) FROM {Id(table.Table)} t LEFT JOIN {Id(root.Table)} r ON r.{Id(root.KeyColumn)} = t.{column}"
                + $" WHERE t.{column} IS NOT NULL AND r.{Id(root.KeyColumn)} IS NULL";
        }

        public static string NotNullClause(ScopedTableModel table) =>
            $"MODIFY COLUMN {Id(table.Column)} {table.ColumnSqlType} NOT NULL";

        public static string NotNull(ScopedTableModel table)
        {
            var sql = new StringBuilder();
            sql.Append("SET @orgscope_made = ").Append(ColumnIsNullable(table.Table, table.Column)).Append(";\n");
            AppendGuarded(sql, "@orgscope_made = 1", $"ALTER TABLE {Id(table.Table)} {NotNullClause(table)}, ALGORITHM=INPLACE, LOCK=NONE");
            SchemaChangeLog.AppendRecord(sql, "@orgscope_made", table.Table, SchemaChangeLog.NotNull, table.Column, AddConstraintsScript.FileName);
            return sql.ToString();
        }

        /// <summary>1 while the column is nullable: an online tool still has to make it NOT NULL.</summary>
        public static string NeedsNotNull(ScopedTableModel table) => "SELECT " + ColumnIsNullable(table.Table, table.Column);

        /// <summary>Records, after an online tool succeeded, the NOT NULL it made (this step runs only when the column was nullable before).</summary>
        public static string RecordNotNull(ScopedTableModel table)
        {
            var sql = new StringBuilder();
            SchemaChangeLog.AppendCreate(sql);
            sql.Append("SET @orgscope_made = NOT ").Append(ColumnIsNullable(table.Table, table.Column)).Append(";\n");
            SchemaChangeLog.AppendRecord(sql, "@orgscope_made", table.Table, SchemaChangeLog.NotNull, table.Column, OnlineSchemaChange.OnlineConstraintsScript.FileName);
            return sql.ToString();
        }

        public static string Index(ScopedTableModel table)
        {
            var index = SchemaObjectNames.Index(table.Table, table.Column);
            var sql = new StringBuilder();
            sql.Append("SET @orgscope_made = NOT ").Append(IndexLeadingWith(table.Table, table.Column)).Append(";\n");
            AppendGuarded(sql, "@orgscope_made = 1",
                $"ALTER TABLE {Id(table.Table)} ADD INDEX {Id(index)} ({Id(table.Column)}), ALGORITHM=INPLACE, LOCK=NONE");
            SchemaChangeLog.AppendRecord(sql, "@orgscope_made", table.Table, SchemaChangeLog.Index, index, AddConstraintsScript.FileName);
            return sql.ToString();
        }

        public static string ForeignKey(OrgRootModel root, ScopedTableModel table)
        {
            var foreignKey = SchemaObjectNames.ForeignKey(table.Table, table.Column);
            var sql = new StringBuilder();
            sql.Append("SET @orgscope_made = NOT ").Append(ForeignKeyTo(table.Table, table.Column, root.Table)).Append(";\n");
            sql.Append("SET SESSION foreign_key_checks = 0;\n");
            AppendGuarded(sql, "@orgscope_made = 1",
                $"ALTER TABLE {Id(table.Table)} ADD CONSTRAINT {Id(foreignKey)} FOREIGN KEY ({Id(table.Column)}) REFERENCES {Id(root.Table)} ({Id(root.KeyColumn)}), ALGORITHM=INPLACE, LOCK=NONE");
            sql.Append("SET SESSION foreign_key_checks = @orgscope_foreign_key_checks;\n");
            SchemaChangeLog.AppendRecord(sql, "@orgscope_made", table.Table, SchemaChangeLog.ForeignKey, foreignKey, AddConstraintsScript.FileName);
            return sql.ToString();
        }

        /// <summary>The steps that change the schema, in the order 003 runs them for the table under the model's options.</summary>
        public static IEnumerable<(string Name, string Sql)> Changes(MigrationModel model, ScopedTableModel table)
        {
            if (model.Options.ConstraintStrategy == ConstraintStrategy.Script)
            {
                yield return (ConstraintStepNames.NotNull, NotNull(table));
            }

            yield return (ConstraintStepNames.Index, Index(table));
            if (model.Options.ForeignKeys)
            {
                yield return (ConstraintStepNames.ForeignKey, ForeignKey(model.Root, table));
            }
        }

        /// <summary>Every step of the table by name, for <see cref="PlanTable.Constraints"/>.</summary>
        public static IReadOnlyDictionary<string, string> ByName(MigrationModel model, ScopedTableModel table)
        {
            var steps = new Dictionary<string, string>(System.StringComparer.Ordinal)
            {
                [ConstraintStepNames.NullCount] = NullCount(table),
                [ConstraintStepNames.OrphanCount] = OrphanCount(model.Root, table),
            };
            foreach (var (name, sql) in Changes(model, table))
            {
                steps[name] = sql;
            }

            if (model.Options.ConstraintStrategy != ConstraintStrategy.Script)
            {
                steps[ConstraintStepNames.NeedsNotNull] = NeedsNotNull(table);
                steps[ConstraintStepNames.NotNullClause] = NotNullClause(table);
                steps[ConstraintStepNames.RecordNotNull] = RecordNotNull(table);
            }

            return steps;
        }
    }
}
