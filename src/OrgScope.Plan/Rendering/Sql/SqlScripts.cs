using OrgScope.Model;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>
    /// Entry point of the SQL script emitters: 001 (columns, index), 002 (validate), 003 (constraints),
    /// rollback-constraints, rollback-columns and plan.md, in that order. Pure function of the model.
    /// </summary>
    internal static class SqlScripts
    {
        public static EquatableArray<GeneratedFile> Emit(MigrationModel model) => new(new[]
        {
            new GeneratedFile(AddColumnsScript.FileName, AddColumnsScript.Emit(model)),
            new GeneratedFile(ValidateScript.FileName, ValidateScript.Emit(model)),
            new GeneratedFile(AddConstraintsScript.FileName, AddConstraintsScript.Emit(model)),
            new GeneratedFile(RollbackConstraintsScript.FileName, RollbackConstraintsScript.Emit(model)),
            new GeneratedFile(RollbackColumnsScript.FileName, RollbackColumnsScript.Emit(model)),
            new GeneratedFile(PlanMarkdown.FileName, PlanMarkdown.Emit(model)),
        });
    }
}
