namespace OrgScope.EndToEnd.Tests.Infrastructure;

/// <summary>What a stranger writes: a project file, annotated entities, a legacy repository. Kept small on purpose.</summary>
internal static class ConsumerSources
{
    public static string Project(LocalFeed feed, string extraProperties = "", string extraItems = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            {extraProperties}
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="{LocalFeed.PackageId}" Version="{feed.Version}" />
            <PackageReference Include="MySqlConnector" Version="2.6.2" />
            {extraItems}
          </ItemGroup>
        </Project>
        """;

    public const string Program = """
        Console.WriteLine("shop");
        """;

    /// <summary>organizations ← users.current_organization_id ← tasks.assigned_to.</summary>
    public const string Entities = """
        using System.ComponentModel.DataAnnotations.Schema;
        using OrgScope;

        namespace Shop;

        [OrgRoot, Table("organizations")]
        public class Organization
        {
            public long Id { get; set; }
        }

        [OrgScoped(InferFrom = [nameof(CurrentOrganizationId)]), Table("users")]
        public class User
        {
            public long Id { get; set; }
            [References(typeof(Organization))] public long? CurrentOrganizationId { get; set; }
        }

        [OrgScoped(InferFrom = [nameof(AssignedTo)]), Table("tasks")]
        public class TaskItem
        {
            public long Id { get; set; }
            [References(typeof(User))] public long? AssignedTo { get; set; }
        }
        """;

    public const string LeakingQuery = "SELECT COUNT(*) FROM tasks WHERE done = 0";

    public const string ScopedQuery = "SELECT COUNT(*) FROM tasks WHERE organization_id = @org AND done = 0";

    public const string SchemaProbe = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'tasks' AND COLUMN_NAME = 'organization_id'";

    /// <summary>The legacy data layer: one query that skips the organization filter, optionally one schema probe.</summary>
    public static string Repository(string countQuery, bool withProbe) => $$"""
        using MySqlConnector;

        namespace Shop;

        public sealed class TaskRepository(MySqlConnection connection)
        {
            public async Task<long> CountOpenTasksAsync(long org)
            {
                await using var command = new MySqlCommand("{{countQuery}}", connection);
                command.Parameters.AddWithValue("@org", org);
                return (long)(await command.ExecuteScalarAsync())!;
            }
        {{(withProbe ? $$"""

            public async Task<bool> HasOrganizationColumnAsync()
            {
                await using var command = new MySqlCommand("{{SchemaProbe}}", connection);
                return (long)(await command.ExecuteScalarAsync())! > 0;
            }
        """ : "")}}
        }
        """;
}
