using System.Collections.Generic;
using System.Text;
using OrgScope.Model;
using OrgScope.Plan.Rendering.OnlineSchemaChange;
using static OrgScope.Plan.Rendering.Sql.SqlText;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>
    /// 003: NOT NULL, index and foreign key on every scoped table. Every table is checked before any table is changed,
    /// so a refusal (a NULL or an orphan left) stops the script with nothing altered. Under an online strategy the NOT
    /// NULL is made by the tool (003-add-constraints.sh) and this file keeps the checks, the index and the foreign key.
    /// </summary>
    internal static class AddConstraintsScript
    {
        public const string FileName = "003-add-constraints.sql";

        public static string Emit(MigrationModel model)
        {
            var sql = new StringBuilder();
            ScriptHeader.Append(sql, FileName, Header(model));

            sql.Append("-- Checks: refuse before anything changes.\n");
            sql.Append(Checks(model));

            sql.Append("\n-- Constraints.\n");
            sql.Append(ConstraintSteps.Prelude());
            foreach (var table in model.Tables)
            {
                sql.Append('\n').Append("-- ").Append(table.Table).Append('.').Append(table.Column).Append('\n');
                foreach (var (_, step) in ConstraintSteps.Changes(model, table))
                {
                    sql.Append(step);
                }
            }

            return sql.ToString();
        }

        /// <summary>The checks of every table, which refuse (error 1231) before anything changes.</summary>
        public static string Checks(MigrationModel model)
        {
            var sql = new StringBuilder();
            foreach (var table in model.Tables)
            {
                AppendChecks(sql, model.Root, table);
            }

            return sql.ToString();
        }

        private static string[] Header(MigrationModel model)
        {
            var root = model.Root;
            var lines = new List<string>();
            var online = model.Options.ConstraintStrategy != ConstraintStrategy.Script;
            var foreignKey = model.Options.ForeignKeys ? $" and a foreign key to {root.Table}.{root.KeyColumn}" : "";
            if (online)
            {
                lines.Add($"Adds the organization column's index if missing{foreignKey}, on every scoped table; the NOT NULL is");
                lines.Add($"made by {OnlineConstraintsScript.FileName} ({OnlineCommand.ToolName(model.Options.ConstraintStrategy)}), which runs this file after its tools.");
            }
            else if (model.Options.ForeignKeys)
            {
                lines.Add("Makes the organization column NOT NULL, adds its index if missing and a foreign key to");
                lines.Add($"{root.Table}.{root.KeyColumn}, on every scoped table. Each step runs only when needed.");
            }
            else
            {
                lines.Add("Makes the organization column NOT NULL and adds its index if missing, on every scoped table.");
                lines.Add("Each step runs only when needed.");
            }

            if (!model.Options.ForeignKeys)
            {
                lines.Add("No foreign keys (OrgScopeForeignKeys=false): orgscope validate keeps counting orphans.");
            }

            lines.Add("");
            lines.Add("Refuses (error 1231, \"Variable 'sql_mode' can't be set to the value of 'orgscope: ...'\", naming");
            lines.Add("the table and the count) while any table has a NULL organization or one that is not in " + root.Table + ".");
            lines.Add("All tables are checked before anything changes. Fill the gaps (orgscope backfill, 002-validate.sql");
            lines.Add("shows them), then run it again. Undo with rollback-constraints.sql. Safe to run any number of times.");
            if (model.Options.ForeignKeys)
            {
                lines.Add("");
                lines.Add("The foreign key is added with foreign_key_checks off for that statement (ALGORITHM=INPLACE, no table");
                lines.Add("copy): the orphan check just before it stands in for the server's own scan.");
            }

            return lines.ToArray();
        }

        private static void AppendChecks(StringBuilder sql, OrgRootModel root, ScopedTableModel table)
        {
            var name = table.Table;
            sql.Append('\n').Append("-- ").Append(name).Append('\n');
            AppendRefusal(sql, "NOT " + ColumnExists(name, table.Column),
                Str($"orgscope: {name} has no {table.Column} column; run {AddColumnsScript.FileName} first"));

            // Safe to name the column from here on: the refusal above stopped the script if it is missing.
            sql.Append($"SET @orgscope_count = ({ConstraintSteps.NullCount(table)});\n");
            AppendRefusal(sql, "@orgscope_count > 0",
                $"CONCAT({Str($"orgscope: {name} has ")}, @orgscope_count, {Str($" rows with NULL {table.Column}; run the backfill first (see 002-validate.sql)")})");

            sql.Append($"SET @orgscope_count = ({ConstraintSteps.OrphanCount(root, table)});\n");
            AppendRefusal(sql, "@orgscope_count > 0",
                $"CONCAT({Str($"orgscope: {name} has ")}, @orgscope_count, {Str($" rows whose {table.Column} is not in {root.Table}.{root.KeyColumn} (orphans); fix them first")})");
        }
    }
}
