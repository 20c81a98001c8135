using System.Text;
using OrgScope.Model;
using OrgScope.Plan.Rendering.Backfill;
using static OrgScope.Plan.Rendering.Sql.SqlText;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>
    /// 004 (opt-in: OrgScopeInsertTriggers=true): a BEFORE INSERT trigger per scoped table that fills the organization
    /// column of a row inserted without one, from the backfill's sources in the backfill's order, for the rollout window
    /// in which the old code still inserts rows without it. Written only when the option is on.
    /// </summary>
    internal static class InsertTriggersScript
    {
        public const string FileName = "004-add-insert-triggers.sql";

        public static string Emit(MigrationModel model)
        {
            var sql = new StringBuilder();
            ScriptHeader.Append(sql, FileName,
                "For the rollout window (OrgScopeInsertTriggers=true): a BEFORE INSERT trigger per scoped table fills the",
                "organization column of a row inserted without one (the code that does not set it yet), from the same sources",
                "in the same order as the backfill, under the same conflict policy. A row no source resolves keeps its NULL,",
                "for orgscope validate and the next backfill to report: never a guessed organization. A row that sets the",
                "column keeps its value. Coexists with 003 (the trigger runs before NOT NULL is checked).",
                "",
                "Triggers are named orgscope_bi_<table>; rollback-insert-triggers.sql drops exactly those. Remove them once every",
                "writer sets the column. Tables without a source get no trigger. Run after 001 (orgscope migrate runs it).",
                "Safe to run any number of times: each trigger is dropped and created again (MySQL 8.0 has no CREATE TRIGGER",
                "IF NOT EXISTS before 8.0.29), so for that instant a row inserted without the column stays NULL.",
                "With binary logging on, creating a trigger may need the SUPER privilege or log_bin_trust_function_creators=1.");

            for (var i = 0; i < model.Tables.Count; i++)
            {
                var table = model.Tables[i];
                var statement = InsertTriggerSql.SetStatement(model, table);
                sql.Append(i == 0 ? "" : "\n").Append("-- ").Append(table.Table).Append('.').Append(table.Column).Append('\n');
                if (statement is null)
                {
                    sql.Append("-- (no source: no trigger)\n");
                    continue;
                }

                AppendRefusal(sql, "NOT " + ColumnExists(table.Table, table.Column),
                    Str($"orgscope: {table.Table} has no {table.Column} column; run {AddColumnsScript.FileName} first"));
                var trigger = Id(SchemaObjectNames.InsertTrigger(table.Table));
                sql.Append("DROP TRIGGER IF EXISTS ").Append(trigger).Append(";\n");
                sql.Append("CREATE TRIGGER ").Append(trigger).Append(" BEFORE INSERT ON ").Append(Id(table.Table)).Append(" FOR EACH ROW\n  ")
                    .Append(statement).Append(";\n");
            }

            return sql.ToString();
        }
    }
}
