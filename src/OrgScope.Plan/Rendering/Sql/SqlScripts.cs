using System.Collections.Generic;
using OrgScope.Model;
using OrgScope.Plan.Rendering.OnlineSchemaChange;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>
    /// Entry point of the SQL script emitters: 001 (columns, index), 002 (validate), 003 (constraints; under an online
    /// strategy also 003-add-constraints.sh), 004 (insert triggers, when opted in), rollback-constraints,
    /// rollback-insert-triggers (with 004), rollback-columns and plan.md, in that order. Pure function of the model and
    /// its options.
    /// </summary>
    internal static class SqlScripts
    {
        public static EquatableArray<GeneratedFile> Emit(MigrationModel model)
        {
            var files = new List<GeneratedFile>
            {
                new(AddColumnsScript.FileName, AddColumnsScript.Emit(model)),
                new(ValidateScript.FileName, ValidateScript.Emit(model)),
                new(AddConstraintsScript.FileName, AddConstraintsScript.Emit(model)),
            };
            if (model.Options.ConstraintStrategy != ConstraintStrategy.Script)
            {
                files.Add(new GeneratedFile(OnlineConstraintsScript.FileName, OnlineConstraintsScript.Emit(model)));
            }

            if (model.Options.InsertTriggers)
            {
                files.Add(new GeneratedFile(InsertTriggersScript.FileName, InsertTriggersScript.Emit(model)));
            }

            files.Add(new GeneratedFile(RollbackConstraintsScript.FileName, RollbackConstraintsScript.Emit(model)));
            if (model.Options.InsertTriggers)
            {
                files.Add(new GeneratedFile(RollbackInsertTriggersScript.FileName, RollbackInsertTriggersScript.Emit(model)));
            }

            files.Add(new GeneratedFile(RollbackColumnsScript.FileName, RollbackColumnsScript.Emit(model)));
            files.Add(new GeneratedFile(PlanMarkdown.FileName, PlanMarkdown.Emit(model)));
            return new EquatableArray<GeneratedFile>(files.ToArray());
        }
    }
}
