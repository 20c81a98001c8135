using System.Text;
using OrgScope.Model;
using static OrgScope.Plan.Rendering.Sql.SqlText;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>Undoes 004: drops OrgScope's insert triggers (orgscope_bi_&lt;table&gt;) and nothing else.</summary>
    internal static class RollbackInsertTriggersScript
    {
        public const string FileName = "rollback-insert-triggers.sql";

        public static string Emit(MigrationModel model)
        {
            var sql = new StringBuilder();
            ScriptHeader.Append(sql, FileName,
                "Undoes " + InsertTriggersScript.FileName + ": drops the BEFORE INSERT triggers named orgscope_bi_<table> on the",
                "scoped tables, and no other trigger. Rows they filled keep their values. Safe to run any number of times.");
            foreach (var table in model.Tables)
            {
                if (table.Sources.Count > 0)
                {
                    sql.Append("DROP TRIGGER IF EXISTS ").Append(Id(SchemaObjectNames.InsertTrigger(table.Table))).Append(";\n");
                }
            }

            return sql.ToString();
        }
    }
}
