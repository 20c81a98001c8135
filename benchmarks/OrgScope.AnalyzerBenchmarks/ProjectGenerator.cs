using System.Globalization;
using System.Text;

namespace OrgScope.AnalyzerBenchmarks;

/// <summary>
/// Writes a Dapper project of N files with M SQL call sites each. <see cref="ShapeSet.Mixed"/>: the shapes real
/// repositories use (literals, verbatim and raw strings, interpolation, consts, locals with appends, StringBuilder,
/// joins, subqueries, CTEs, inserts), about one site in five an honest leak. <see cref="ShapeSet.Five"/>: issue 12's
/// five shapes in turn (pinned SELECT, pinned JOIN, unscoped UPDATE, interpolated SQL with a hole, INSERT with the
/// column), the project the OrgScope / Dapper.AOT comparison builds. Deterministic: the same arguments give the same files.
/// </summary>
internal static class ProjectGenerator
{
    internal enum ShapeSet
    {
        Mixed,
        Five,
    }

    private static readonly string[] FiveShapes =
    {
        "connection.Query<long>(\"SELECT t.id FROM tasks t WHERE t.organization_id = @organizationId AND t.id > @id\", new { organizationId, id })",
        "connection.Query<long>(\"SELECT t.id FROM tasks t JOIN users u ON u.id = t.assigned_to AND u.organization_id = t.organization_id WHERE t.organization_id = @organizationId\", new { organizationId })",
        "connection.Execute(\"UPDATE tasks SET title = @title WHERE id = @id\", new { id, title })",
        "connection.Query<long>($\"SELECT r.id FROM rewards r WHERE r.organization_id = {organizationId} AND r.created_by = {id}\")",
        "connection.Execute(\"INSERT INTO tasks (title, assigned_to, organization_id) VALUES (@title, @id, @organizationId)\", new { title, id, organizationId })",
    };

    private static readonly string[] Shapes =
    {
        "connection.Query<long>(\"SELECT t.id FROM tasks t JOIN users u ON u.id = t.assigned_to AND u.organization_id = t.organization_id WHERE t.organization_id = @organizationId AND t.id > @id\", new { organizationId, id })",
        "connection.Execute(@\"UPDATE tasks\n              SET title = @title\n              WHERE id = @id AND organization_id = @organizationId\", new { id, title, organizationId })",
        "connection.Query<long>($\"SELECT r.id FROM rewards r WHERE r.organization_id = {organizationId} AND r.created_by = {id}\")",
        "connection.Query<long>(Select + \" WHERE a.organization_id = @organizationId ORDER BY a.name LIMIT 50\", new { organizationId })",
        "connection.Query<long>(\"\"\"\n            WITH recent AS (SELECT ur.user_id FROM user_rewards ur WHERE ur.organization_id = @organizationId AND ur.granted_at > NOW() - INTERVAL 7 DAY)\n            SELECT u.id FROM users u JOIN recent ON recent.user_id = u.id WHERE u.organization_id = @organizationId\n            \"\"\", new { organizationId })",
        "connection.Execute(\"INSERT INTO tasks (title, assigned_to, organization_id) VALUES (@title, @id, @organizationId)\", new { title, id, organizationId })",
        "connection.Query<long>(\"SELECT u.id FROM users u WHERE u.organization_id = @organizationId AND EXISTS (SELECT 1 FROM tasks t WHERE t.assigned_to = u.id AND t.organization_id = u.organization_id)\", new { organizationId })",
        "connection.Query<long>(\"SELECT id FROM organizations WHERE name LIKE CONCAT(@title, '%')\", new { title })",
        "connection.Query<long>(\"SELECT id FROM tasks WHERE id = @id\", new { id })",
        "connection.ExecuteScalar<long>(\"SELECT COUNT(*) FROM user_rewards ur JOIN rewards r ON r.id = ur.reward_id WHERE r.organization_id = @organizationId\", new { organizationId })",
    };

    public static void Write(string directory, int files, int sitesPerFile, string? abstractionsDll, string? analyzerDll, ShapeSet shapes = ShapeSet.Mixed)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Bench.csproj"), Csproj(abstractionsDll, analyzerDll));
        File.WriteAllText(Path.Combine(directory, "Entities.cs"), Entities);
        var random = new Random(20261128);
        for (var f = 0; f < files; f++)
        {
            var builder = new StringBuilder();
            builder.Append("using System.Text;\nusing Dapper;\nusing MySqlConnector;\n\nnamespace Bench.Repositories;\n\n");
            builder.Append("public sealed class Repository").Append(f.ToString(CultureInfo.InvariantCulture)).Append("(MySqlConnection connection)\n{\n");
            builder.Append("    private const string Select = \"SELECT a.id FROM achievements a\";\n\n");
            for (var s = 0; s < sitesPerFile; s++)
            {
                var shape = shapes == ShapeSet.Five ? FiveShapes[((f * sitesPerFile) + s) % FiveShapes.Length] : Shapes[random.Next(Shapes.Length)];
                builder.Append("    public object Site").Append(s.ToString(CultureInfo.InvariantCulture)).Append("(long organizationId, long id, string title)\n    {\n");
                if (shapes == ShapeSet.Mixed && random.Next(8) == 0)
                {
                    // A local built with an append and a StringBuilder, as older code did.
                    builder.Append("        var sql = \"SELECT t.id FROM tasks t WHERE t.organization_id = @organizationId\";\n");
                    builder.Append("        if (id > 0)\n        {\n            sql += \" AND t.id = @id\";\n        }\n\n");
                    builder.Append("        var sb = new StringBuilder(sql);\n        sb.Append(\" ORDER BY t.id\");\n");
                    builder.Append("        return connection.Query<long>(sb.ToString(), new { organizationId, id });\n    }\n\n");
                    continue;
                }

                builder.Append("        return ").Append(shape).Append(";\n    }\n\n");
            }

            builder.Append("}\n");
            File.WriteAllText(Path.Combine(directory, "Repository" + f.ToString(CultureInfo.InvariantCulture) + ".cs"), builder.ToString());
        }
    }

    private static string Csproj(string? abstractionsDll, string? analyzerDll) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>disable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
            <NoWarn>$(NoWarn);CS1591</NoWarn>
            <UseOrgScopeAnalyzer Condition="'$(UseOrgScopeAnalyzer)' == ''">false</UseOrgScopeAnalyzer>
            <UseDapperAot Condition="'$(UseDapperAot)' == ''">false</UseDapperAot>
            <!-- The comparison measures each analyzer alone: no SDK analyzers asking for the same operation trees. -->
            <EnableNETAnalyzers Condition="'$(UseDapperAot)' == 'true' or '$(AnalyzerAlone)' == 'true'">false</EnableNETAnalyzers>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Dapper" Version="2.1.86" />
            <PackageReference Include="MySqlConnector" Version="2.6.2" />
            <Reference Include="{abstractionsDll ?? "OrgScope.Abstractions.dll"}" />
          </ItemGroup>
          <ItemGroup Condition="'$(UseOrgScopeAnalyzer)' == 'true'">
            <Analyzer Include="{analyzerDll ?? "OrgScope.Analyzers.dll"}" />
          </ItemGroup>
          <!-- The side-by-side reference: Dapper.AOT's analyzer (and its generator, reported apart by ReportAnalyzer). -->
          <ItemGroup Condition="'$(UseDapperAot)' == 'true'">
            <PackageReference Include="Dapper.AOT" Version="1.1.0" />
          </ItemGroup>
          <!-- One analyzer alone: restore wrote Dapper.AOT into the assets for both kinds of build, and the SDK adds
               analyzers of its own (the COM interop ones ask for operation trees too), so every analyzer assembly but
               the measured one is taken out just before the compiler runs. -->
          <Target Name="KeepOnlyMeasuredAnalyzer" BeforeTargets="CoreCompile" Condition="'$(KeepAnalyzers)' != ''">
            <ItemGroup>
              <_BenchAnalyzerToRemove Include="@(Analyzer)" Condition="!$([System.String]::Copy(';$(KeepAnalyzers);').Contains(';%(Filename);'))" />
              <Analyzer Remove="@(_BenchAnalyzerToRemove)" />
            </ItemGroup>
          </Target>
        </Project>
        """;

    private const string Entities = """
        using System.ComponentModel.DataAnnotations.Schema;
        using OrgScope;

        namespace Bench.Entities;

        [OrgScoped(InferFrom = new[] { nameof(AssignedTo) })] [Table("tasks")] public class TaskItem { public long AssignedTo { get; set; } }
        [OrgScoped] [Table("users")] public class User { }
        [OrgScoped] [Table("rewards")] public class Reward { }
        [OrgScoped] [Table("user_rewards")] public class UserReward { }
        [OrgScoped] [Table("achievements")] public class Achievement { }
        [OrgRoot] [Table("organizations")] public class Organization { }
        """;
}
