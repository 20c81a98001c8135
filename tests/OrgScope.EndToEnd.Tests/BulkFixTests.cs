using OrgScope.EndToEnd.Tests.Infrastructure;

namespace OrgScope.EndToEnd.Tests;

/// <summary>
/// Issue 12.7: a team applies the fixes in bulk from the command line. `dotnet format analyzers --diagnostics ORG001
/// ORG002 ORG004 --severity warn` on a fresh project with the packed package fixes every finding a fix is offered for
/// (two files, a statement with two unpinned tables, the first finding of the file without a fix — what used to make
/// dotnet format give up with "didn't return a Fix All action"); the result compiles, and a build shows only what had
/// no fix. A reviewed exception is left as it is.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BulkFixTests(LocalFeed feed)
{
    private const string Project = "Shop/Shop.csproj";

    private const string Tasks = """
        using Dapper;
        using MySqlConnector;

        namespace Shop;

        public sealed class TaskQueries(MySqlConnection connection)
        {
            public IEnumerable<long> Unfixable() => connection.Query<long>("SELECT id FROM users");

            public IEnumerable<long> Open(long organizationId) => connection.Query<long>("SELECT id FROM tasks WHERE done = 0");

            public int Add(long organizationId, string title) => connection.Execute("INSERT INTO tasks (title) VALUES (@title)", new { title });

            public IEnumerable<long> Assigned(long organizationId) => connection.Query<long>("SELECT t.id FROM tasks t, users u WHERE u.id = t.assigned_to");

            public long Dashboard() =>
                // orgscope: cross-org the operators' dashboard counts every organization
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM tasks");
        }
        """;

    private const string TasksFixed = """
        using Dapper;
        using MySqlConnector;

        namespace Shop;

        public sealed class TaskQueries(MySqlConnection connection)
        {
            public IEnumerable<long> Unfixable() => connection.Query<long>("SELECT id FROM users");

            public IEnumerable<long> Open(long organizationId) => connection.Query<long>("SELECT id FROM tasks WHERE done = 0 AND tasks.organization_id = @OrganizationId", new { OrganizationId = organizationId });

            public int Add(long organizationId, string title) => connection.Execute("INSERT INTO tasks (title, organization_id) VALUES (@title, @OrganizationId)", new { title, OrganizationId = organizationId });

            public IEnumerable<long> Assigned(long organizationId) => connection.Query<long>("SELECT t.id FROM tasks t, users u WHERE u.id = t.assigned_to AND t.organization_id = @OrganizationId AND u.organization_id = @OrganizationId", new { OrganizationId = organizationId });

            public long Dashboard() =>
                // orgscope: cross-org the operators' dashboard counts every organization
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM tasks");
        }
        """;

    private const string Legacy = """
        using Dapper;
        using MySqlConnector;

        namespace Shop;

        public sealed class LegacyQueries(MySqlConnection connection)
        {
            public async Task<IEnumerable<long>> OpenAsync(long organizationId)
            {
                var hasOrgColumn = await connection.ExecuteScalarAsync<int>(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'tasks' AND COLUMN_NAME = 'organization_id'") > 0;
                if (hasOrgColumn)
                {
                    return await connection.QueryAsync<long>("SELECT id FROM tasks WHERE organization_id = @organizationId AND done = 0", new { organizationId });
                }
                else
                {
                    return await connection.QueryAsync<long>("SELECT t.id FROM tasks t JOIN users u ON u.id = t.assigned_to WHERE u.current_organization_id = @organizationId", new { organizationId });
                }
            }

            public int Probe() => connection.ExecuteScalar<int>("SHOW COLUMNS FROM users LIKE 'organization_id'");
        }
        """;

    private const string LegacyFixed = """
        using Dapper;
        using MySqlConnector;

        namespace Shop;

        public sealed class LegacyQueries(MySqlConnection connection)
        {
            public async Task<IEnumerable<long>> OpenAsync(long organizationId)
            {
                return await connection.QueryAsync<long>("SELECT id FROM tasks WHERE organization_id = @organizationId AND done = 0", new { organizationId });
            }

            public int Probe() => connection.ExecuteScalar<int>("SHOW COLUMNS FROM users LIKE 'organization_id'");
        }
        """;

    [Fact]
    public void Dotnet_format_applies_every_offered_fix_and_the_result_builds_with_only_the_unfixable_findings_left()
    {
        var consumer = Consumer.Create(feed, "bulkfix");
        consumer.Write(Project, ConsumerSources.Project(feed,
            "<OrgScopeGenerateScriptsOnBuild>false</OrgScopeGenerateScriptsOnBuild>",
            "<PackageReference Include=\"Dapper\" Version=\"2.1.86\" />"));
        consumer.Write("Shop/Program.cs", ConsumerSources.Program);
        consumer.Write("Shop/Entities.cs", ConsumerSources.Entities);
        consumer.Write("Shop/TaskQueries.cs", Tasks);
        consumer.Write("Shop/LegacyQueries.cs", Legacy);

        var format = consumer.Run("format", "analyzers", consumer.PathOf(Project), "--diagnostics", "ORG001", "ORG002", "ORG004", "--severity", "warn", "-v", "normal");
        Assert.True(format.ExitCode == 0, format.ToString());
        Assert.DoesNotContain("Unable to fix", format.Output + format.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to apply", format.Output + format.Error, StringComparison.Ordinal);
        Assert.Equal(TasksFixed, consumer.Read("Shop/TaskQueries.cs"));
        Assert.Equal(LegacyFixed, consumer.Read("Shop/LegacyQueries.cs"));

        // It compiles, and the analyzer finds only what no fix was offered for: no value in scope, a probe that
        // gates nothing. The reviewed exception stays suppressed.
        var build = consumer.Run("build", consumer.PathOf(Project), "--no-restore", "-nologo", "-v:m", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(build.ExitCode == 0, build.ToString());
        var users = consumer.Position("Shop/TaskQueries.cs", "users", onLineWith: "Unfixable()");
        var probe = consumer.Position("Shop/LegacyQueries.cs", "SHOW COLUMNS");
        Assert.Equal(
            new[]
            {
                new BuildDiagnostic("ORG004", "warning", "LegacyQueries.cs", probe.Line, probe.Column),
                new BuildDiagnostic("ORG001", "warning", "TaskQueries.cs", users.Line, users.Column),
            },
            Consumer.Diagnostics(build).OrderBy(d => d.File, StringComparer.Ordinal));
    }
}
