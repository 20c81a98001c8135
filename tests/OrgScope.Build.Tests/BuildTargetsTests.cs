using OrgScope.Build.Tests.Infrastructure;

namespace OrgScope.Build.Tests;

/// <summary>
/// The package's OrgScope.targets in a real `dotnet build`, on a project whose plan is written by hand (the generator
/// is not involved): when the writer runs, what it rewrites, and the switches.
/// </summary>
public sealed class BuildTargetsTests
{
    private static readonly string FirstPlan = PlanAssembly.PlanJson(("001-a.sql", "SELECT 1;\n"), ("002-b.sql", "SELECT 2;\n"), ("plan.md", "# Plan\n"));

    // One project through a day of edits: each `dotnet build` of a probe costs seconds, so the steps share it.
    [Fact]
    public void Scripts_are_written_once_and_rewritten_only_when_the_model_or_the_folder_changes_or_they_were_deleted()
    {
        using var probe = ProbeProject.WithPackageTargets(FirstPlan);

        // 1. The first build writes every file and the manifest.
        var first = probe.Build();
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("SELECT 1;\n", File.ReadAllText(Path.Combine(probe.ScriptsDir, "001-a.sql")));
        Assert.Contains($"Probe -> {probe.ScriptsDir}/", first.Output);
        var initial = probe.ScriptTimes();
        Assert.Equal([".orgscope-files", "001-a.sql", "002-b.sql", "plan.md"], initial.Keys.Order(StringComparer.Ordinal));

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

        // 4. A model change: the changed file is rewritten, the unchanged one keeps its time, the dropped one goes.
        probe.WritePlan(PlanAssembly.PlanJson(("001-a.sql", "SELECT 1;\n"), ("plan.md", "# Plan, changed\n")));
        var modelChange = probe.Build();
        Assert.True(modelChange.ExitCode == 0, modelChange.ToString());
        var changed = probe.ScriptTimes();
        Assert.False(changed.ContainsKey("002-b.sql"));
        Assert.Equal(initial["001-a.sql"], changed["001-a.sql"]);
        Assert.True(changed["plan.md"] > initial["plan.md"]);
        Assert.Equal("# Plan, changed\n", File.ReadAllText(Path.Combine(probe.ScriptsDir, "plan.md")));

        // 5. A new OrgScopeScriptsDir, relative to the project, is written although the assembly did not change.
        var moved = probe.Build("OrgScopeScriptsDir=db/migrations");
        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.Equal("# Plan, changed\n", File.ReadAllText(Path.Combine(probe.Directory, "db", "migrations", "plan.md")));

        // 6. Scripts deleted by hand come back with the next build, although nothing else changed.
        Directory.Delete(Path.Combine(probe.Directory, "db"), recursive: true);
        var restored = probe.Build("OrgScopeScriptsDir=db/migrations");
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Equal("SELECT 1;\n", File.ReadAllText(Path.Combine(probe.Directory, "db", "migrations", "001-a.sql")));
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
        using var probe = ProbeProject.WithPackageTargets(PlanAssembly.PlanJson(("001-a.sql", "SELECT 1;\n"), ("../outside.sql", "DROP TABLE users;\n")));

        var result = probe.Build();

        Assert.NotEqual(0, result.ExitCode);
        var errors = result.Output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToArray();
        var error = Assert.Single(errors);
        Assert.Contains("error ORG901: The plan names a file '../outside.sql', which is not a plain file name", error);
        Assert.False(Directory.Exists(Path.Combine(probe.Directory, "scripts")));
    }
}
