using System.Linq;
using OrgScope.Plan.Rendering.Sql;
using OrgScope.Model;

namespace OrgScope.Scripts.Tests;

/// <summary>The emitted files of a model, by name.</summary>
internal sealed class Scripts(MigrationModel model)
{
    private readonly System.Collections.Generic.Dictionary<string, string> _files =
        SqlScripts.Emit(model).ToDictionary(f => f.Name, f => f.Content);

    public string AddColumns => _files[AddColumnsScript.FileName];
    public string Validate => _files[ValidateScript.FileName];
    public string AddConstraints => _files[AddConstraintsScript.FileName];
    public string RollbackConstraints => _files[RollbackConstraintsScript.FileName];
    public string RollbackColumns => _files[RollbackColumnsScript.FileName];
    public string Plan => _files[PlanMarkdown.FileName];

    public static string SampleSchema => System.IO.File.ReadAllText(System.IO.Path.Combine(System.AppContext.BaseDirectory, "Sample", "schema.sql"));
}
