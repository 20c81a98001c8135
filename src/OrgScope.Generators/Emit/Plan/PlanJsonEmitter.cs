using OrgScope.Generators.Emit.Backfill;
using OrgScope.Generators.Emit.Sql;
using OrgScope.Generators.Model;

namespace OrgScope.Generators.Emit.Plan
{
    /// <summary>The plan document (docs/plan-format.md, format 1) of a valid model, as pretty-printed JSON.</summary>
    internal static class PlanJsonEmitter
    {
        public const int Format = 1;

        public static string Emit(MigrationModel model)
        {
            var json = new JsonWriter();
            Write(json, model);
            return json.ToString();
        }

        public static void Write(JsonWriter json, MigrationModel model)
        {
            json.StartObject();
            json.Name("format");
            json.Number(Format);

            json.Name("root");
            json.StartObject();
            json.Property("entity", model.Root.EntityName);
            json.Property("table", model.Root.Table);
            json.Property("key", model.Root.KeyColumn);
            json.Property("sqlType", model.Root.KeySqlType);
            json.EndObject();

            json.Name("tables");
            json.StartArray();
            foreach (var table in model.Tables)
            {
                WriteTable(json, model, table);
            }

            json.EndArray();

            json.Name("files");
            json.StartArray();
            foreach (var file in SqlScripts.Emit(model))
            {
                json.StartObject();
                json.Property("name", file.Name);
                json.Property("content", file.Content);
                json.EndObject();
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
                json.Property("description", SourceDescription.Describe(table, source));
                json.EndObject();
            }

            json.EndArray();

            json.Name("backfill");
            json.StartObject();
            foreach (var statement in BackfillSqlEmitter.Emit(model, table))
            {
                json.Property(statement.Name, statement.Sql);
            }

            json.EndObject();
            json.EndObject();
        }
    }
}
