using OrgScope.Generators.Tests.Infrastructure;
using OrgScope.Plan;
using Xunit;

namespace OrgScope.Generators.Tests;

/// <summary>
/// The MSBuild options OrgScopeConstraintStrategy, OrgScopeForeignKeys and OrgScopeInsertTriggers reach the plan, so
/// that the scripts the build writes and the steps orgscope constrain runs come from the same choice.
/// </summary>
public sealed class ScriptOptionsTests
{
    [Fact]
    public void Without_properties_the_plan_says_the_defaults()
    {
        var plan = Read(GeneratorRun.Run(TestCompilation.Sample()));

        Assert.Equal(new PlanScriptOptions("Script", ForeignKeys: true, InsertTriggers: false), plan.Scripts);
        Assert.DoesNotContain(plan.Files, f => f.Name.EndsWith(".sh", StringComparison.Ordinal));
    }

    [Fact]
    public void The_properties_travel_in_the_plan_and_shape_the_files()
    {
        var run = GeneratorRun.Run(TestCompilation.Sample(), BuildProperties.Of(
            ("OrgScopeConstraintStrategy", "PtOnlineSchemaChange"), ("OrgScopeForeignKeys", "false"), ("OrgScopeInsertTriggers", "true")));
        var plan = Read(run);

        Assert.Equal(new PlanScriptOptions("PtOnlineSchemaChange", ForeignKeys: false, InsertTriggers: true), plan.Scripts);
        var shell = Assert.Single(plan.Files, f => f.Name == "003-add-constraints.sh");
        Assert.Contains("pt-online-schema-change", shell.Content);
        Assert.DoesNotContain("FOREIGN KEY", plan.Files.Single(f => f.Name == "003-add-constraints.sql").Content);
    }

    [Theory]
    [InlineData("ghost", "TRUE")]
    [InlineData("", "")]
    [InlineData("gHoSt", "False")]
    public void Values_are_read_without_case_and_unknown_ones_fall_back_without_a_diagnostic(string strategy, string foreignKeys)
    {
        var run = GeneratorRun.Run(TestCompilation.Sample(), BuildProperties.Of(("OrgScopeConstraintStrategy", strategy), ("OrgScopeForeignKeys", foreignKeys)));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.DriverDiagnostics);
        var scripts = Read(run).Scripts!;
        Assert.Equal(strategy.Equals("ghost", StringComparison.OrdinalIgnoreCase) ? "GhOst" : "Script", scripts.ConstraintStrategy);
        Assert.Equal(!foreignKeys.Equals("false", StringComparison.OrdinalIgnoreCase), scripts.ForeignKeys);
    }

    private static PlanDocument Read(GeneratorRun run) => PlanReader.Parse(PlanJson.FromRun(run), "test");
}
