using OrgScope.Build.Tests.Infrastructure;
using OrgScope.Plan;

namespace OrgScope.Build.Tests;

/// <summary>
/// The package's OrgScope.targets in a real `dotnet build`, on a project whose plan is written by hand (the generator
/// is not involved): when the writer runs, what it rewrites, and the switches.
/// </summary>
public sealed class BuildTargetsTests
{
    private static readonly string FirstPlan = PlanAssembly.PlanJson(sourceColumn: "org_ref");

    private static readonly IReadOnlyDictionary<string, string> FirstFiles = PlanAssembly.Files(FirstPlan);

    // One project through a day of edits: each `dotnet build` of a probe costs seconds, so the steps share it.
    [Fact]
    public void Scripts_are_written_once_and_rewritten_only_when_the_model_or_the_folder_changes_or_they_were_deleted()
    {
        using var probe = ProbeProject.WithPackageTargets(FirstPlan);

        // 1. The first build writes every file and the manifest.
        var first = probe.Build();
        Assert.True(first.ExitCode == 0, first.ToString());
        foreach (var (name, content) in FirstFiles)
        {
            Assert.Equal(content, File.ReadAllText(Path.Combine(probe.ScriptsDir, name)));
        }

        Assert.Contains($"Probe -> {probe.ScriptsDir}/", first.Output);
        var initial = probe.ScriptTimes();
        Assert.Equal([".orgscope-files", .. FirstFiles.Keys.Order(StringComparer.Ordinal)], initial.Keys.Order(StringComparer.Ordinal));

        // 2. No change: the target is skipped (its inputs are older than its stamp), nothing is touched.
        var unchanged = probe.Build();
        Assert.True(unchanged.ExitCode == 0, unchanged.ToString());
        Assert.DoesNotContain("Probe -> " + probe.ScriptsDir, unchanged.Output);
        Assert.Equal(initial, probe.ScriptTimes());

        // 3. A code change that keeps the model: the assembly changed, so the writer runs, but every file keeps its bytes and time.
        probe.Write("Unrelated.cs", "namespace Probe { public static class Unrelated { public static int Answer => 42; } }");
        var codeOnly = probe.Build();
        Assert.True(codeOnly.ExitCode == 0, codeOnly.ToString());
        Assert.Contains("Probe -> " + probe.ScriptsDir, codeOnly.Output);
        Assert.Equal(initial, probe.ScriptTimes());

        // 4. A model change (another source column): the files that mention it are rewritten, the others keep their
        // time (001 adds the organization column, whatever the source). Stale files going: ScriptDirectoryTests.
        var secondPlan = PlanAssembly.PlanJson(sourceColumn: "tenant_ref");
        var secondFiles = PlanAssembly.Files(secondPlan);
        probe.WritePlan(secondPlan);
        var modelChange = probe.Build();
        Assert.True(modelChange.ExitCode == 0, modelChange.ToString());
        var changed = probe.ScriptTimes();
        Assert.Equal(initial["001-add-organization-id-columns.sql"], changed["001-add-organization-id-columns.sql"]);
        Assert.True(changed["plan.md"] > initial["plan.md"]);
        Assert.Equal(secondFiles["plan.md"], File.ReadAllText(Path.Combine(probe.ScriptsDir, "plan.md")));
        Assert.Contains("tenant_ref", secondFiles["plan.md"]);

        // 5. A new OrgScopeScriptsDir, relative to the project, is written although the assembly did not change.
        var moved = probe.Build("OrgScopeScriptsDir=db/migrations");
        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.Equal(secondFiles["plan.md"], File.ReadAllText(Path.Combine(probe.Directory, "db", "migrations", "plan.md")));

        // 6. Scripts deleted by hand come back with the next build, although nothing else changed.
        Directory.Delete(Path.Combine(probe.Directory, "db"), recursive: true);
        var restored = probe.Build("OrgScopeScriptsDir=db/migrations");
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Equal(secondFiles["001-add-organization-id-columns.sql"], File.ReadAllText(Path.Combine(probe.Directory, "db", "migrations", "001-add-organization-id-columns.sql")));
    }

    [Fact]
    public void OrgScopeGenerateScriptsOnBuild_false_builds_the_project_and_writes_nothing()
    {
        using var probe = ProbeProject.WithPackageTargets(FirstPlan);

        var result = probe.Build("OrgScopeGenerateScriptsOnBuild=false");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Probe -> ", result.Output); // the assembly was built
        Assert.False(Directory.Exists(Path.Combine(probe.Directory, "scripts")));
    }

    [Fact]
    public void A_project_that_declares_no_model_builds_and_gets_no_scripts_folder()
    {
        using var probe = ProbeProject.WithPackageTargets(FirstPlan);
        File.Delete(Path.Combine(probe.Directory, "Plan.cs"));
        probe.Write("Library.cs", "namespace Probe { public static class Library { } }");

        var result = probe.Build();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(Directory.Exists(Path.Combine(probe.Directory, "scripts")));
    }

    [Fact]
    public void A_plan_the_writer_refuses_fails_the_build_with_exactly_one_error_and_writes_nothing()
    {
        // A plan built by another OrgScope version: the writer would render other SQL than that version's.
        using var probe = ProbeProject.WithPackageTargets(PlanAssembly.PlanJson(generator: "9.9.9"));

        var result = probe.Build();

        Assert.NotEqual(0, result.ExitCode);
        var errors = result.Output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToArray();
        var error = Assert.Single(errors);
        Assert.Contains("error ORG901: The OrgScope plan in ", error);
        Assert.Contains("was built by OrgScope 9.9.9; this tool is OrgScope " + PlanReader.RendererVersion, error);
        Assert.False(Directory.Exists(Path.Combine(probe.Directory, "scripts")));
    }
}
