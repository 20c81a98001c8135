using OrgScope.Generators.Diagnostics;
using OrgScope.Model;

namespace OrgScope.Generators.Building
{
    /// <summary>What the model builder hands the emitters: the model (null when any error was found) and the diagnostics.</summary>
    internal sealed record BuildResult(MigrationModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
}
