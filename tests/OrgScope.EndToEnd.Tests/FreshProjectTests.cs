using OrgScope.EndToEnd.Tests.Infrastructure;

namespace OrgScope.EndToEnd.Tests;

/// <summary>Steps 2 and 3: a fresh project with a PackageReference builds, writes its scripts once, and shows the leaks.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class FreshProjectTests(LocalFeed feed)
{
    private const string Project = "Shop/Shop.csproj";

    [Fact]
    public void Build_writes_scripts_only_when_the_model_changes_and_reports_ORG001_and_ORG004_where_they_are()
    {
        var consumer = Consumer.Create(feed, "fresh");
        consumer.Write(Project, ConsumerSources.Project(feed));
        consumer.Write("Shop/Program.cs", ConsumerSources.Program);
        consumer.Write("Shop/Entities.cs", ConsumerSources.Entities);
        consumer.Write("Shop/TaskRepository.cs", ConsumerSources.Repository(ConsumerSources.LeakingQuery, withProbe: true));

        var first = consumer.Build(Project);
        Assert.True(first.ExitCode == 0, first.ToString());

        var scripts = consumer.PathOf("Shop/scripts/orgscope");
        string[] expected = ["001-add-organization-id-columns.sql", "002-validate.sql", "003-add-constraints.sql", "plan.md",
            "rollback-columns.sql", "rollback-constraints.sql"];
        Assert.All(expected, name => Assert.True(File.Exists(Path.Combine(scripts, name)), name + " was not written." + Environment.NewLine + first));
        Assert.Contains("`tasks`", File.ReadAllText(Path.Combine(scripts, "001-add-organization-id-columns.sql")), StringComparison.Ordinal);

        // At the table reference inside the literal, and at the probed view.
        var diagnostics = Consumer.Diagnostics(first);
        var leak = consumer.Position("Shop/TaskRepository.cs", "tasks", onLineWith: ConsumerSources.LeakingQuery);
        var probe = consumer.Position("Shop/TaskRepository.cs", "INFORMATION_SCHEMA.COLUMNS");
        Assert.Contains(new BuildDiagnostic("ORG001", "warning", "TaskRepository.cs", leak.Line, leak.Column), diagnostics);
        Assert.Contains(new BuildDiagnostic("ORG004", "warning", "TaskRepository.cs", probe.Line, probe.Column), diagnostics);
        Assert.Equal(2, diagnostics.Count);

        var times = WriteTimes(scripts);
        Thread.Sleep(1100); // coarse file system clocks: a rewrite must be able to show as a new time
        var second = consumer.Build(Project);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(times, WriteTimes(scripts));

        // An attribute edit changes the model: tasks get their organization from a differently named column.
        consumer.Write("Shop/Entities.cs", ConsumerSources.Entities.Replace(
            "[OrgScoped(InferFrom = [nameof(AssignedTo)]), Table(\"tasks\")]",
            "[OrgScoped(InferFrom = [nameof(AssignedTo)], Column = \"org_id\"), Table(\"tasks\")]", StringComparison.Ordinal));
        var third = consumer.Build(Project);
        Assert.True(third.ExitCode == 0, third.ToString());
        var after = WriteTimes(scripts);
        Assert.NotEqual(times["001-add-organization-id-columns.sql"], after["001-add-organization-id-columns.sql"]);
        Assert.Contains("`org_id`", File.ReadAllText(Path.Combine(scripts, "001-add-organization-id-columns.sql")), StringComparison.Ordinal);
    }

    private static Dictionary<string, DateTime> WriteTimes(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.GetLastWriteTimeUtc);
}
