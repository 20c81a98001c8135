using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OrgScope.Generators.Tests.Infrastructure;
using Xunit;

namespace OrgScope.Generators.Tests;

/// <summary>
/// The pipeline caches: an edit that does not touch the model leaves every named step Cached or Unchanged and the
/// output steps do no work; an attribute edit re-runs exactly the steps it should. Step values are plain data.
/// </summary>
public sealed class CacheabilityTests
{
    private static readonly string[] AllSteps =
    {
        TrackingNames.ScopedEntities, TrackingNames.RootEntities, TrackingNames.MembershipEntities,
        TrackingNames.Entities, TrackingNames.Model, TrackingNames.ModelDiagnostics, TrackingNames.ValidModel, TrackingNames.ScopedTables,
        TrackingNames.ScriptOptions, TrackingNames.Plan,
    };

    [Fact]
    public void Unrelated_file_added_leaves_every_step_cached_and_emits_nothing_again()
    {
        var compilation = TestCompilation.Sample();
        var first = GeneratorRun.Run(compilation);
        var second = GeneratorRun.Run(first.Driver, compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { public int X { get; set; } }", TestCompilation.ParseOptions, "Unrelated.cs")));

        AssertSteps(second, AllSteps, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputsCached(second);
        Assert.Equal(first.Source("OrgScope.Plan.g.cs"), second.Source("OrgScope.Plan.g.cs"));
    }

    [Fact]
    public void Unrelated_edit_in_an_entity_file_changes_no_step_output()
    {
        var compilation = TestCompilation.Sample();
        var first = GeneratorRun.Run(compilation);

        // Append a member at the very end of an entity file: the spec (and every location in it) stays the same.
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("TaskItem.cs", StringComparison.Ordinal));
        var edited = tree.WithChangedText(tree.GetText().WithChanges(
            new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(tree.Length, 0), "\npublic static class TaskItemExtensions { public static int Twice(int x) => 2 * x; }\n")));
        var second = GeneratorRun.Run(first.Driver, compilation.ReplaceSyntaxTree(tree, edited));

        AssertSteps(second, AllSteps, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputsCached(second);
    }

    [Fact]
    public void Editing_InferFrom_rebuilds_the_model_but_not_the_scoped_table_list()
    {
        var compilation = TestCompilation.Sample();
        var first = GeneratorRun.Run(compilation);
        var second = GeneratorRun.Run(first.Driver, Edit(compilation, "/User.cs",
            "[OrgScoped(InferFrom = [nameof(UserOrganization), nameof(CurrentOrganizationId)])]",
            "[OrgScoped(InferFrom = [nameof(CurrentOrganizationId), nameof(UserOrganization)])]"));

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.ScopedEntities));
        AssertSteps(second, new[] { TrackingNames.RootEntities, TrackingNames.MembershipEntities }, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSteps(second, new[] { TrackingNames.Entities, TrackingNames.Model, TrackingNames.ValidModel }, IncrementalStepRunReason.Modified);
        AssertSteps(second, new[] { TrackingNames.ScopedTables, TrackingNames.ModelDiagnostics }, IncrementalStepRunReason.Unchanged);
        Assert.NotEqual(first.Source("OrgScope.Plan.g.cs"), second.Source("OrgScope.Plan.g.cs"));
    }

    [Fact]
    public void Changing_a_script_option_re_emits_the_plan_without_touching_the_model()
    {
        var compilation = TestCompilation.Sample();
        var first = GeneratorRun.Run(compilation, BuildProperties.Of(("OrgScopeConstraintStrategy", "Script")));
        var driver = first.Driver.WithUpdatedAnalyzerConfigOptions(BuildProperties.Of(("OrgScopeConstraintStrategy", "PtOnlineSchemaChange")));
        var second = GeneratorRun.Run(driver, compilation);

        AssertSteps(second, new[] { TrackingNames.Entities, TrackingNames.Model, TrackingNames.ValidModel, TrackingNames.ScopedTables, TrackingNames.ModelDiagnostics },
            IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSteps(second, new[] { TrackingNames.ScriptOptions, TrackingNames.Plan }, IncrementalStepRunReason.Modified);
        Assert.Contains("PtOnlineSchemaChange", second.Source("OrgScope.Plan.g.cs"));
    }

    [Fact]
    public void An_entity_edit_with_options_set_does_not_read_the_options_again()
    {
        var compilation = TestCompilation.Sample();
        var first = GeneratorRun.Run(compilation, BuildProperties.Of(("OrgScopeForeignKeys", "false"), ("OrgScopeInsertTriggers", "true")));
        var second = GeneratorRun.Run(first.Driver, Edit(compilation, "/Reward.cs", "[Table(\"rewards\")]", "[Table(\"org_rewards\")]"));

        AssertSteps(second, new[] { TrackingNames.ScriptOptions }, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSteps(second, new[] { TrackingNames.ValidModel, TrackingNames.Plan }, IncrementalStepRunReason.Modified);
        Assert.Contains("\"\"insertTriggers\"\": true", second.Source("OrgScope.Plan.g.cs"));
    }

    [Fact]
    public void Editing_a_table_name_changes_the_scoped_table_list()
    {
        var compilation = TestCompilation.Sample();
        var first = GeneratorRun.Run(compilation);
        var second = GeneratorRun.Run(first.Driver, Edit(compilation, "/Reward.cs", "[Table(\"rewards\")]", "[Table(\"org_rewards\")]"));

        AssertSteps(second, new[] { TrackingNames.Entities, TrackingNames.Model, TrackingNames.ValidModel, TrackingNames.ScopedTables }, IncrementalStepRunReason.Modified);
        Assert.Contains("org_rewards:organization_id", second.Source("OrgScope.ScopedTables.g.cs"));
    }

    [Fact]
    public void Design_time_builds_skip_the_plan_but_still_report_diagnostics()
    {
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            new[] { new OrgScopeGenerator().AsSourceGenerator() },
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.Implementation, trackIncrementalGeneratorSteps: true));
        var valid = driver.RunGenerators(TestCompilation.Sample()).GetRunResult().Results.Single();
        Assert.DoesNotContain(valid.GeneratedSources, s => s.HintName == "OrgScope.Plan.g.cs");
        Assert.Contains(valid.GeneratedSources, s => s.HintName == "OrgScope.ScopedTables.g.cs");

        var broken = driver.RunGenerators(TestCompilation.Create("using OrgScope; namespace App; [OrgScoped] public class Invoice { public long Id { get; set; } }"))
            .GetRunResult().Results.Single();
        Assert.Contains(broken.Diagnostics, d => d.Id == "ORG109");
    }

    [Fact]
    public void Step_values_hold_no_symbols_syntax_compilations_or_locations()
    {
        var run = GeneratorRun.Run(TestCompilation.Sample());
        var walked = 0;
        foreach (var name in AllSteps)
        {
            // Only the generator's own steps: Roslyn's internal ones legitimately carry the compilation.
            Assert.True(run.Result.TrackedSteps.TryGetValue(name, out var steps), $"step {name} was not tracked");
            foreach (var step in steps!)
            {
                foreach (var (value, _) in step.Outputs)
                {
                    ModelWalker.AssertPlainData(value, name);
                    walked++;
                }
            }
        }

        Assert.True(walked >= AllSteps.Length, $"walked only {walked} step values");
    }

    [Fact]
    public void The_walker_rejects_a_symbol()
    {
        var symbol = TestCompilation.Sample().GetTypeByMetadataName("OrgScope.Sample.Entities.User")!;
        Assert.ThrowsAny<Exception>(() => ModelWalker.AssertPlainData(new { Nested = new object[] { symbol } }, "value"));
    }

    private static Compilation Edit(Compilation compilation, string file, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith(file, StringComparison.Ordinal));
        var text = tree.GetText().ToString();
        Assert.Contains(from, text);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(from, to, StringComparison.Ordinal))));
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRun run, string step) =>
        run.Result.TrackedSteps.TryGetValue(step, out var steps) ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason) : Array.Empty<IncrementalStepRunReason>();

    private static void AssertSteps(GeneratorRun run, IEnumerable<string> steps, params IncrementalStepRunReason[] allowed)
    {
        foreach (var step in steps)
        {
            var reasons = Reasons(run, step).ToList();
            Assert.True(reasons.Count > 0 || step is TrackingNames.ScopedEntities or TrackingNames.RootEntities or TrackingNames.MembershipEntities, $"step {step} did not run at all");
            Assert.True(reasons.All(allowed.Contains), $"step {step}: {string.Join(", ", reasons)}; expected only {string.Join(" or ", allowed)}");
        }
    }

    /// <summary>The output steps (the emitters) did not run: their outputs come from the cache.</summary>
    private static void AssertOutputsCached(GeneratorRun run)
    {
        var outputs = run.Result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }
}
