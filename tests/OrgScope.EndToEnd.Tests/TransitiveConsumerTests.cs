using OrgScope.EndToEnd.Tests.Infrastructure;

namespace OrgScope.EndToEnd.Tests;

/// <summary>
/// Apps that get the entities, and OrgScope with them, through a reference: their queries are checked against the
/// referenced assembly's scoped tables ([assembly: OrgScopedTables]); the scripts stay with the entity project.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TransitiveConsumerTests(LocalFeed feed)
{
    private static readonly string DomainProject = $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <PackageId>Shop.Domain</PackageId>
            <Version>VERSION</Version>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="{LocalFeed.PackageId}" Version="VERSION" />
          </ItemGroup>
        </Project>
        """;

    [Fact]
    public void A_project_reference_brings_the_analyzer_and_the_scoped_tables_and_no_scripts()
    {
        var consumer = Consumer.Create(feed, "transitive-project");
        WriteDomain(consumer);
        WriteWeb(consumer, """<ProjectReference Include="../Domain/Domain.csproj" />""");

        var build = consumer.Build("Web/Web.csproj");
        Assert.True(build.ExitCode == 0, build.ToString());

        // Web declares no entity: "tasks" is scoped only because Domain.dll says so.
        var leak = consumer.Position("Web/TaskRepository.cs", "tasks", onLineWith: ConsumerSources.LeakingQuery);
        Assert.Equal([new BuildDiagnostic("ORG001", "warning", "TaskRepository.cs", leak.Line, leak.Column)], Consumer.Diagnostics(build));
        Assert.True(File.Exists(consumer.PathOf("Domain/scripts/orgscope/001-add-organization-id-columns.sql")), build.ToString());
        Assert.False(Directory.Exists(consumer.PathOf("Web/scripts")), "Scripts were written for a project without a model.");
        // The attributes flow as a normal reference (entities need them at run time).
        Assert.True(File.Exists(consumer.PathOf("Web/bin/Debug/net10.0/OrgScope.Abstractions.dll")), build.ToString());
    }

    [Fact]
    public void A_package_that_depends_on_OrgScope_brings_the_analyzer_and_the_scoped_tables_and_no_scripts()
    {
        var consumer = Consumer.Create(feed, "transitive-package");
        WriteDomain(consumer);
        var pack = consumer.Run("pack", consumer.PathOf("Domain/Domain.csproj"), "-o", consumer.OwnFeed, "-nologo", "-v:m", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(pack.ExitCode == 0, pack.ToString());
        // The run's own version, like OrgScope's: a Shop.Domain cached by an earlier run can never be the one used.
        WriteWeb(consumer, $"""<PackageReference Include="Shop.Domain" Version="{feed.Version}" />""");

        var build = consumer.Build("Web/Web.csproj");
        Assert.True(build.ExitCode == 0, build.ToString());
        var leak = consumer.Position("Web/TaskRepository.cs", "tasks", onLineWith: ConsumerSources.LeakingQuery);
        Assert.Equal([new BuildDiagnostic("ORG001", "warning", "TaskRepository.cs", leak.Line, leak.Column)], Consumer.Diagnostics(build));
        Assert.False(Directory.Exists(consumer.PathOf("Web/scripts")), "Scripts were written for a project without a model.");
        Assert.True(File.Exists(consumer.PathOf("Web/bin/Debug/net10.0/OrgScope.Abstractions.dll")), build.ToString());
    }

    private void WriteDomain(Consumer consumer)
    {
        consumer.Write("Domain/Domain.csproj", DomainProject.Replace("VERSION", feed.Version, StringComparison.Ordinal));
        consumer.Write("Domain/Entities.cs", ConsumerSources.Entities);
    }

    private static void WriteWeb(Consumer consumer, string reference)
    {
        consumer.Write("Web/Web.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                {reference}
                <PackageReference Include="MySqlConnector" Version="2.6.2" />
              </ItemGroup>
            </Project>
            """);
        consumer.Write("Web/Program.cs", ConsumerSources.Program);
        consumer.Write("Web/TaskRepository.cs", ConsumerSources.Repository(ConsumerSources.LeakingQuery, withProbe: false));
    }
}
