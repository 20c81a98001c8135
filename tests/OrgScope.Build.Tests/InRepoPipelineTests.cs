using OrgScope.Build.Tests.Infrastructure;
using OrgScope.Plan;

namespace OrgScope.Build.Tests;

/// <summary>
/// The whole path on a project inside the repository, wired as the sample is (Directory.Build.targets): the real
/// generator puts the plan into the assembly, the package's targets run the writer, the files are the plan's, byte for byte.
/// </summary>
[Collection(SharedProjectsCollection.Name)]
public sealed class InRepoPipelineTests
{
    private const string Entities = """
        using System.ComponentModel.DataAnnotations.Schema;
        using OrgScope;

        namespace Probe;

        [OrgRoot]
        [Table("organizations")]
        public class Organization
        {
            public long Id { get; set; }
        }

        [OrgScoped(InferFrom = [nameof(HomeOrganizationId)])]
        [Table("projects")]
        public class Project
        {
            public long Id { get; set; }

            [References(typeof(Organization))]
            public long? HomeOrganizationId { get; set; }
        }
        """;

    [Fact]
    public void Building_writes_the_plan_files_and_an_attribute_edit_rewrites_them()
    {
        using var probe = ProbeProject.InRepo();
        probe.Write("Entities.cs", Entities);

        // 1. The build writes exactly the files of the plan embedded in the built assembly.
        var first = probe.Build();
        Assert.True(first.ExitCode == 0, first.ToString());
        var assembly = probe.TargetPath();
        var plan = PlanReader.FromAssemblyFile(assembly);
        Assert.Contains(plan.Files, f => f.Name == "001-add-organization-id-columns.sql");
        AssertFolderHoldsExactly(probe.ScriptsDir, plan.Files);
        var initial = probe.ScriptTimes();

        // 2. Nothing changed: nothing is rewritten.
        var again = probe.Build();
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(initial, probe.ScriptTimes());

        // 3. An attribute edit (the column's name) changes the plan, and the files follow it.
        probe.Write("Entities.cs", Entities.Replace("[OrgScoped(InferFrom", "[OrgScoped(Column = \"tenant_id\", InferFrom", StringComparison.Ordinal));
        var edited = probe.Build();
        Assert.True(edited.ExitCode == 0, edited.ToString());
        var newPlan = PlanReader.FromAssemblyFile(assembly);
        AssertFolderHoldsExactly(probe.ScriptsDir, newPlan.Files);
        Assert.Contains("`tenant_id`", File.ReadAllText(Path.Combine(probe.ScriptsDir, "001-add-organization-id-columns.sql")));
        Assert.True(probe.ScriptTimes()["001-add-organization-id-columns.sql"] > initial["001-add-organization-id-columns.sql"]);

        // 4. A broken model fails the build with the generator's diagnostic; the reviewed scripts stay as they were.
        var beforeError = probe.ScriptTimes();
        probe.Write("Entities.cs", Entities.Replace("nameof(HomeOrganizationId)", "\"NoSuchProperty\"", StringComparison.Ordinal));
        var broken = probe.Build();
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Matches(@"error ORG1\d\d", broken.Output);
        Assert.Equal(beforeError, probe.ScriptTimes());
    }

    private static void AssertFolderHoldsExactly(string folder, IReadOnlyList<PlanFile> files)
    {
        var onDisk = Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n != ".orgscope-files").Order(StringComparer.Ordinal);
        Assert.Equal(files.Select(f => f.Name).Order(StringComparer.Ordinal), onDisk!);
        foreach (var file in files)
        {
            Assert.Equal(file.Content, File.ReadAllText(Path.Combine(folder, file.Name)));
        }
    }
}
