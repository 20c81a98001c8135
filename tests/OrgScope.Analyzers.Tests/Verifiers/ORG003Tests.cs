using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Verifiers;

/// <summary>ORG003: the organization filter can be bypassed (under an OR, or a literal).</summary>
public class ORG003Tests
{
    [Theory]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id = @org OR 1 = 1", "it sits under an OR")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id = @org OR @id", "it sits under an OR")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE (organization_id = @org AND id = @id) OR title = 'x'", "it sits under an OR")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id IN (@org) || @id = 1", "it sits under an OR")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id = 3", "it compares with a literal")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id = '3' AND id = @id", "it compares with a literal")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id IN (1, 2)", "it compares with a literal")]
    [InlineData("UPDATE {|#0:tasks|} SET title = @title WHERE organization_id = -1", "it compares with a literal")]
    public async Task Must_warn(string sql, string reason)
    {
        var qualifier = "tasks";
        await VerifyAsync(
            TestSources.DapperQuery(sql),
            DiagnosticWithMessage("ORG003").WithLocation(0).WithArguments(qualifier, "organization_id", reason));
    }

    [Theory]
    [InlineData("SELECT * FROM tasks WHERE organization_id = @org AND (id = 1 OR id = 2)")]
    [InlineData("SELECT * FROM tasks WHERE organization_id = @org AND (organization_id = 3 OR id = @id)")]
    [InlineData("SELECT * FROM tasks WHERE (organization_id = @org OR organization_id = @id)")]
    [InlineData("SELECT * FROM organizations WHERE id = 3 OR 1 = 1")]
    public async Task Must_not_warn(string sql)
    {
        await VerifyAsync(TestSources.DapperQuery(sql));
    }

    [Fact]
    public async Task Ef_core_raw_sql_placeholders_are_parameters_not_literals()
    {
        var source = """
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            public class AppDb : DbContext
            {
                public DbSet<Sample.Entities.TaskItem> Tasks => Set<Sample.Entities.TaskItem>();

                public object Find(long id, long org) => Tasks.FromSqlRaw("SELECT * FROM tasks WHERE id = {0} AND organization_id = {1}", id, org).ToList();

                public int Touch(long id, long org) => Database.ExecuteSqlRaw("UPDATE tasks SET title = 'x' WHERE id = {0} AND organization_id = {1}", id, org);

                public object Ids(long org) => Database.SqlQueryRaw<long>("SELECT id FROM tasks WHERE organization_id = {0}", org).ToList();

                public object Fixed() => Tasks.FromSqlRaw("SELECT * FROM {|#0:tasks|} WHERE organization_id = 3").ToList();
            }
            """ + TestSources.Entities;
        await VerifyAsync(source, DiagnosticWithMessage("ORG003").WithLocation(0).WithArguments("tasks", "organization_id", "it compares with a literal"));
    }

    [Theory]
    [InlineData("SELECT * FROM tasks WHERE organization_id = {=orgId}")]
    [InlineData("SELECT * FROM tasks t WHERE t.organization_id IN @orgIds")]
    public async Task Dapper_literal_replacement_and_list_expansion_are_parameters(string sql)
    {
        await VerifyAsync(TestSources.DapperQuery(sql));
    }

    [Fact]
    public async Task Names_the_alias()
    {
        await VerifyAsync(
            TestSources.DapperQuery("SELECT * FROM {|#0:tasks|} t WHERE t.organization_id = @org OR t.id = @id"),
            DiagnosticWithMessage("ORG003").WithLocation(0).WithArguments("t", "organization_id", "it sits under an OR"));
    }
}
