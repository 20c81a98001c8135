using OrgScope.Generators.Tests.Infrastructure;
using OrgScope.Plan;
using Xunit;

namespace OrgScope.Generators.Tests;

/// <summary>
/// The generated C#, and every file and backfill statement rendered from the plan, for the sample and small models,
/// against committed snapshots.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Sample_model()
    {
        // The sample's plan files are committed where its build writes them: that folder is their snapshot, so the
        // expected SQL is kept once, not twice.
        Verify("Sample", GeneratorRun.Run(TestCompilation.Sample()), filesSnapshot: SampleScripts);
    }

    private static readonly string SampleScripts = Path.Combine(TestPaths.RepoRoot, "samples", "OrgScope.Sample", "scripts", "orgscope");

    [Fact]
    public void Conventions_and_overrides()
    {
        Verify("Conventions", GeneratorRun.Run(TestCompilation.Create(Models.SmallModels.Conventions)));
    }

    [Fact]
    public void Guid_root_and_membership()
    {
        Verify("GuidsAndMemberships", GeneratorRun.Run(TestCompilation.Create(Models.SmallModels.GuidsAndMemberships)));
    }

    [Fact]
    public void Output_does_not_depend_on_file_order()
    {
        var sample = TestCompilation.Sample();
        var reversed = TestCompilation.Create(sample.SyntaxTrees
            .Where(t => t.FilePath.StartsWith("Entities/", StringComparison.Ordinal))
            .Reverse()
            .Select(t => (t.FilePath, t.GetText().ToString()))
            .ToArray());

        var first = GeneratorRun.Run(sample);
        var second = GeneratorRun.Run(reversed);
        Assert.NotNull(first.Source("OrgScope.Plan.g.cs"));
        Assert.Equal(first.Source("OrgScope.Plan.g.cs"), second.Source("OrgScope.Plan.g.cs"));
        Assert.Equal(first.Source("OrgScope.ScopedTables.g.cs"), second.Source("OrgScope.ScopedTables.g.cs"));
    }

    private static void Verify(string name, GeneratorRun run, string? filesSnapshot = null)
    {
        Assert.Empty(run.DriverDiagnostics);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.OutputErrors());

        var files = new Dictionary<string, string>();
        foreach (var source in run.Result.GeneratedSources)
        {
            files[source.HintName] = source.SourceText.ToString();
        }

        // The plan embeds the model; PlanReader renders the SQL from it. The rendered backfill statements are part of
        // the snapshot so that every change to them shows up in review.
        var plan = PlanReader.Parse(PlanJson.FromRun(run), name);
        foreach (var table in plan.Tables)
        {
            files["backfill/" + table.Table + ".sql"] = string.Concat(table.Backfill.Select(s => "-- " + s.Key + "\n" + s.Value + ";\n\n"));
        }

        if (filesSnapshot is not null)
        {
            Snapshots.VerifyFiles(filesSnapshot, plan.Files.ToDictionary(f => f.Name, f => f.Content));
        }
        else
        {
            foreach (var file in plan.Files)
            {
                files["files/" + file.Name] = file.Content;
            }
        }

        Snapshots.Verify(name, files);
    }
}
