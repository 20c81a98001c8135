using OrgScope.EndToEnd.Tests.Infrastructure;

namespace OrgScope.EndToEnd.Tests;

/// <summary>Step 5: after the migration a team raises ORG001 to an error; then a leak cannot ship, and the fix can.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class WarningsAsErrorsTests(LocalFeed feed)
{
    private const string Project = "Shop/Shop.csproj";

    [Fact]
    public void A_leak_fails_the_build_and_the_scoped_query_passes()
    {
        var consumer = Consumer.Create(feed, "strict");
        consumer.Write(Project, ConsumerSources.Project(feed, "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>"));
        consumer.Write("Shop/.editorconfig", """
            root = true

            [*.cs]
            dotnet_diagnostic.ORG001.severity = error
            """);
        consumer.Write("Shop/Program.cs", ConsumerSources.Program);
        consumer.Write("Shop/Entities.cs", ConsumerSources.Entities);
        consumer.Write("Shop/TaskRepository.cs", ConsumerSources.Repository(ConsumerSources.LeakingQuery, withProbe: false));

        var leaking = consumer.Build(Project);
        Assert.True(leaking.ExitCode != 0, leaking.ToString());
        var leak = consumer.Position("Shop/TaskRepository.cs", "tasks", onLineWith: ConsumerSources.LeakingQuery);
        Assert.Equal([new BuildDiagnostic("ORG001", "error", "TaskRepository.cs", leak.Line, leak.Column)], Consumer.Diagnostics(leaking));

        consumer.Write("Shop/TaskRepository.cs", ConsumerSources.Repository(ConsumerSources.ScopedQuery, withProbe: false));
        var fixedBuild = consumer.Build(Project);
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.ToString());
        Assert.Empty(Consumer.Diagnostics(fixedBuild));
    }
}
