using System.Collections.Generic;
using System.Text;
using OrgScope.Model;
using static OrgScope.Plan.Rendering.Sql.SqlText;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>
    /// 002: read-only result sets that say how far the backfill got: counts per table, samples of rows that disagree
    /// with a source, and the runtime's unresolved rows, conflicts and writes when its tables exist.
    /// </summary>
    internal static class ValidateScript
    {
        public const string FileName = "002-validate.sql";
        public const int SampleSize = 10;

        private const string UnresolvedTable = "orgscope_unresolved";
        private const string AuditTable = "orgscope_audit";

        public static string Emit(MigrationModel model)
        {
            var sql = new StringBuilder();
            ScriptHeader.Append(sql, FileName,
                "Read-only checks after the backfill. Result sets, each with a `check` column:",
                "  1. per table: rows, null_organization_id, orphan_organization_id (not in " + model.Root.Table + "),",
                "     per source: source_disagrees (rows whose organization differs from what the source gives)",
                "     and reference_missing (rows that point at a row that does not exist);",
                $"  2. up to {SampleSize} sample rows per table and source that disagree, by key;",
                "  3. unresolved rows by table and reason, and conflicts (sources_disagree), from " + UnresolvedTable + ";",
                "  4. values written by the backfill, by table and source, from " + AuditTable + ".",
                "3 and 4 show a placeholder row until the runtime has created its tables.",
                "Disagreeing with a later source is normal when an earlier one won: read it as a review list.",
                "Changes nothing. Run it as often as you like.");

            sql.Append("-- The columns must exist: run 001 first.\n");
            foreach (var table in model.Tables)
            {
                AppendRefusal(sql, "NOT " + ColumnExists(table.Table, table.Column),
                    Str($"orgscope: {table.Table} has no {table.Column} column; run {AddColumnsScript.FileName} first"));
            }

            sql.Append("\n-- 1. Counts per table.\n");
            sql.Append(string.Join("\nUNION ALL\n", Counts(model))).Append(";\n");

            var samples = Samples(model);
            sql.Append("\n-- 2. Samples of rows that disagree with a source.\n");
            if (samples.Count == 0)
            {
                sql.Append("-- (no table has a source)\n");
            }
            else
            {
                sql.Append(string.Join("\nUNION ALL\n", samples)).Append(";\n");
            }

            sql.Append("\n-- 3. Unresolved rows and conflicts recorded by the backfill.\n");
            AppendChoice(sql, TableExists(UnresolvedTable),
                $"SELECT 'unresolved' AS `check`, `table_name`, `reason` AS `detail`, COUNT(*) AS `count` FROM {Id(UnresolvedTable)}"
                + " GROUP BY `table_name`, `reason` ORDER BY `table_name`, `reason`",
                Placeholder("unresolved", UnresolvedTable));
            AppendChoice(sql, TableExists(UnresolvedTable),
                $"SELECT 'conflicts' AS `check`, `table_name`, 'sources_disagree' AS `detail`, COUNT(*) AS `count` FROM {Id(UnresolvedTable)}"
                + " WHERE `reason` = 'sources_disagree' GROUP BY `table_name` ORDER BY `table_name`",
                Placeholder("conflicts", UnresolvedTable));

            sql.Append("\n-- 4. Values written by the backfill.\n");
            AppendChoice(sql, TableExists(AuditTable),
                // One audit row per batch; its entries are [value, source, key...] (docs/backfill.md "The audit").
                $"SELECT 'written' AS `check`, au.`table_name`, w.`source` AS `detail`, COUNT(*) AS `count` FROM {Id(AuditTable)} AS au"
                + " JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (`source` VARCHAR(255) PATH '$[1]')) AS w"
                + " GROUP BY au.`table_name`, w.`source` ORDER BY au.`table_name`, w.`source`",
                Placeholder("written", AuditTable));
            return sql.ToString();
        }

        private static string Placeholder(string check, string table) =>
            $"SELECT {Str(check)} AS `check`, '' AS `table_name`, {Str(table + " does not exist yet: no backfill has run")} AS `detail`, 0 AS `count`";

        private static List<string> Counts(MigrationModel model)
        {
            var root = model.Root;
            var selects = new List<string>();
            foreach (var table in model.Tables)
            {
                var name = Id(table.Table);
                var column = Id(table.Column);
                var literal = Str(table.Table);
                selects.Add($"SELECT 'rows' AS `check`, {literal} AS `table_name`, 'all rows' AS `detail`, COUNT(*) AS `count` FROM {name}");
                selects.Add($"SELECT 'null_organization_id', {literal}, {Str(table.Column + " IS NULL")}, COUNT(*) FROM {name} WHERE {column} IS NULL");
                selects.Add($"SELECT 'orphan_organization_id', {literal}, {Str($"{table.Column} not in {root.Table}.{root.KeyColumn}")}, COUNT(*)"
                    + $" FROM {name} t LEFT JOIN {Id(root.Table)} r ON r.{Id(root.KeyColumn)} = t.{column} WHERE t.{column} IS NOT NULL AND r.{Id(root.KeyColumn)} IS NULL");
                for (var i = 0; i < table.Sources.Count; i++)
                {
                    var source = table.Sources[i];
                    selects.Add($"SELECT 'source_disagrees', {literal}, {Str(Label(table, i))}, COUNT(*)"
                        + $" FROM {name} t{SourceSql.Join(source)} WHERE {SourceSql.Organization(source)} <> t.{column}");
                    if (source.Kind != SourceKind.Membership)
                    {
                        // Rows pointing at a deleted row: that source can never give them an organization.
                        var local = "t." + Id(source.LocalColumn);
                        var target = "s." + Id(source.TargetKeyColumn);
                        selects.Add($"SELECT 'reference_missing', {literal}, {Str(Label(table, i))}, COUNT(*)"
                            + $" FROM {name} t LEFT JOIN {Id(source.TargetTable)} s ON {target} = {local} WHERE {local} IS NOT NULL AND {target} IS NULL");
                    }
                }
            }

            return selects;
        }

        private static List<string> Samples(MigrationModel model)
        {
            var selects = new List<string>();
            foreach (var table in model.Tables)
            {
                for (var i = 0; i < table.Sources.Count; i++)
                {
                    var source = table.Sources[i];
                    var organization = SourceSql.Organization(source);
                    selects.Add($"(SELECT 'source_disagrees' AS `check`, {Str(table.Table)} AS `table_name`, {Str(Label(table, i))} AS `source`,"
                        + $" {SourceSql.RowKey(table)} AS `row_key`, t.{Id(table.Column)} AS `organization_id`, {organization} AS `source_organization_id`"
                        + $" FROM {Id(table.Table)} t{SourceSql.Join(source)} WHERE {organization} <> t.{Id(table.Column)}"
                        + $" ORDER BY {SourceSql.KeyOrder(table)} LIMIT {SampleSize})");
                }
            }

            return selects;
        }

        // "2. users.current_organization_id": the source's place in InferFrom matters when reading a disagreement.
        private static string Label(ScopedTableModel table, int index) =>
            (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ". " + SourceSql.Describe(table, table.Sources[index]);
    }
}
