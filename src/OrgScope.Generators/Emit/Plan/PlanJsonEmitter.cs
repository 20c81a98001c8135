using OrgScope.Model;

namespace OrgScope.Generators.Emit.Plan
{
    /// <summary>
    /// The plan document (docs/plan-format.md, format 2) of a valid model, as JSON with one line per table: the model only, about
    /// 0.5 KB per table. The SQL (script files, backfill statements) is rendered from it by OrgScope.Plan where the plan
    /// is read; embedding the rendered SQL made the plan ~28 KB per table, and a 1,000-entity build spent most of its
    /// generator time writing and parsing that constant.
    /// </summary>
    internal static class PlanJsonEmitter
    {
        public const int Format = 2;

        /// <summary>The document's members and each table on a line of their own; a table's contents on its line.</summary>
        public const int LineDepth = 2;

        /// <summary>This generator's version: the reader renders SQL only with the same version (docs/plan-format.md).</summary>
        public static readonly string GeneratorVersion = OrgScope.Shared.OrgScopeVersion.Of(typeof(PlanJsonEmitter).Assembly);

        public static string Emit(MigrationModel model)
        {
            var json = new JsonWriter(LineDepth);
            Write(json, model);
            return json.ToString();
        }

        public static void Write(JsonWriter json, MigrationModel model)
        {
            json.StartObject();
            json.Name("format");
            json.Number(Format);
            json.Property("generator", GeneratorVersion);

            json.Name("root");
            json.StartObject();
            json.Property("entity", model.Root.EntityName);
            json.Property("table", model.Root.Table);
            json.Property("key", model.Root.KeyColumn);
            json.Property("sqlType", model.Root.KeySqlType);
            json.EndObject();

            // How the scripts are delivered; a reader that finds no "scripts" takes the defaults.
            json.Name("scripts");
            json.StartObject();
            json.Property("constraintStrategy", model.Options.ConstraintStrategy.ToString());
            json.Name("foreignKeys");
            json.Boolean(model.Options.ForeignKeys);
            json.Name("insertTriggers");
            json.Boolean(model.Options.InsertTriggers);
            json.EndObject();

            json.Name("tables");
            json.StartArray();
            foreach (var table in model.Tables)
            {
                WriteTable(json, model, table);
            }

            json.EndArray();

            json.EndObject();
        }

        private static void WriteTable(JsonWriter json, MigrationModel model, ScopedTableModel table)
        {
            json.StartObject();
            json.Property("entity", table.EntityName);
            json.Property("table", table.Table);
            json.Property("column", table.Column);
            json.Property("sqlType", table.ColumnSqlType);

            json.Name("key");
            json.StartArray();
            foreach (var key in table.Key)
            {
                json.StartObject();
                json.Property("column", key.Column);
                json.Property("sqlType", key.SqlType);
                json.EndObject();
            }

            json.EndArray();

            json.Property("onConflict", table.OnConflict == ConflictPolicy.FirstSourceWins ? "FirstSourceWins" : "Report");

            json.Name("dependsOn");
            json.StartArray();
            foreach (var dependency in table.DependsOn)
            {
                json.String(dependency);
            }

            json.EndArray();

            json.Name("sources");
            json.StartArray();
            foreach (var source in table.Sources)
            {
                json.StartObject();
                json.Property("kind", source.Kind.ToString());
                json.Property("name", source.Name);
                json.Property("localColumn", source.LocalColumn);
                json.Property("targetTable", source.TargetTable);
                json.Property("targetKeyColumn", source.TargetKeyColumn);
                json.Property("targetOrgColumn", source.TargetOrgColumn);
                json.Property("primaryColumn", source.PrimaryColumn);
                json.EndObject();
            }

            json.EndArray();
            json.EndObject();
        }
    }
}
