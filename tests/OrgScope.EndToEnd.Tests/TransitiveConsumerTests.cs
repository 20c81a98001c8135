using OrgScope.EndToEnd.Tests.Infrastructure;

namespace OrgScope.EndToEnd.Tests;

/// <summary>
/// An app that gets the entities through a ProjectReference (and OrgScope only transitively) is checked against the
/// referenced project's scoped tables (its [assembly: OrgScopedTables]); the scripts stay with the entity project.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TransitiveConsumerTests(LocalFeed feed)
{
    [Fact]
    public void A_project_reference_brings_the_analyzer_and_the_scoped_tables_but_not_script_writing()
    {
        var consumer = Consumer.Create(feed, "transitive");
        consumer.Write("Domain/Domain.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{LocalFeed.PackageId}" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        consumer.Write("Domain/Entities.cs", ConsumerSources.Entities);
        consumer.Write("Web/Web.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Domain/Domain.csproj" />
                <PackageReference Include="MySqlConnector" Version="2.6.2" />
              </ItemGroup>
            </Project>
            """);
        consumer.Write("Web/Program.cs", ConsumerSources.Program);
        consumer.Write("Web/TaskRepository.cs", ConsumerSources.Repository(ConsumerSources.LeakingQuery, withProbe: false));

        var build = consumer.Build("Web/Web.csproj");
        Assert.True(build.ExitCode == 0, build.ToString());

        // Web declares no entity: "tasks" is scoped only because Domain.dll says so.
        var leak = consumer.Position("Web/TaskRepository.cs", "tasks", onLineWith: ConsumerSources.LeakingQuery);
        Assert.Equal([new BuildDiagnostic("ORG001", "warning", "TaskRepository.cs", leak.Line, leak.Column)], Consumer.Diagnostics(build));
        Assert.True(File.Exists(consumer.PathOf("Domain/scripts/orgscope/001-add-organization-id-columns.sql")), build.ToString());
        Assert.False(Directory.Exists(consumer.PathOf("Web/scripts")), "Script writing ran in the transitive consumer.");
        // The attributes flow as a normal reference (entities need them at run time).
        Assert.True(File.Exists(consumer.PathOf("Web/bin/Debug/net10.0/OrgScope.Abstractions.dll")), build.ToString());
    }
}
