namespace OrgScope.Build.Tests.Infrastructure;

/// <summary>
/// Tests whose `dotnet build` also builds the repository's projects (generator, analyzers, writer) run one at a time:
/// two builds of the same project at once would write the same obj/ files.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedProjectsCollection
{
    public const string Name = "Builds of the repository's projects";
}
