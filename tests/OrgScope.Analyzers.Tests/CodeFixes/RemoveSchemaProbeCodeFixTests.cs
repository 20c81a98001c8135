using OrgScope.Analyzers.Tests.Infrastructure;
using Verify = OrgScope.Analyzers.Tests.Infrastructure.CodeFixVerifier<OrgScope.CodeFixes.RemoveSchemaProbeCodeFix>;

namespace OrgScope.Analyzers.Tests.CodeFixes;

/// <summary>ORG004 fix: a probe that only gates a branch is removed and the scoped branch kept.</summary>
public class RemoveSchemaProbeCodeFixTests
{
    private static string Repo(string body) => """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Dapper;
        using MySqlConnector;

        public class Repository
        {
            public async Task<IEnumerable<int>> ListAsync(MySqlConnection connection, long organizationId)
            {
        """ + "\n" + body + """

            }
        }
        """ + TestSources.Entities;

    [Fact]
    public async Task Local_gate_keeps_the_then_branch()
    {
        await Verify.VerifyAsync(
            Repo("""
                        var hasOrgColumn = await connection.ExecuteScalarAsync<int>(
                            "SELECT COUNT(*) FROM {|#0:INFORMATION_SCHEMA.COLUMNS|} WHERE TABLE_NAME = 'tasks' AND COLUMN_NAME = 'organization_id'") > 0;
                        if (hasOrgColumn)
                        {
                            var sql = "SELECT id FROM tasks WHERE organization_id = @organizationId";
                            return await connection.QueryAsync<int>(sql, new { organizationId });
                        }
                        else
                        {
                            return await connection.QueryAsync<int>("SELECT t.id FROM {|ORG001:tasks|} t");
                        }
                """),
            Repo("""
                        var sql = "SELECT id FROM tasks WHERE organization_id = @organizationId";
                        return await connection.QueryAsync<int>(sql, new { organizationId });
                """),
            Verify.Diagnostic("ORG004").WithLocation(0));
    }

    [Fact]
    public async Task Not_offered_when_the_gate_is_derived_twice()
    {
        await Verify.VerifyAsync(
            Repo("""
                        var count = await connection.ExecuteScalarAsync<int>("{|#0:SHOW COLUMNS|} FROM tasks LIKE 'organization_id'");
                        var legacy = count == 0;
                        if (!legacy)
                        {
                            return await connection.QueryAsync<int>("SELECT id FROM tasks WHERE organization_id = @organizationId", new { organizationId });
                        }

                        return new List<int>();
                """),
            Repo("""
                        var count = await connection.ExecuteScalarAsync<int>("{|#0:SHOW COLUMNS|} FROM tasks LIKE 'organization_id'");
                        var legacy = count == 0;
                        if (!legacy)
                        {
                            return await connection.QueryAsync<int>("SELECT id FROM tasks WHERE organization_id = @organizationId", new { organizationId });
                        }

                        return new List<int>();
                """),
            Verify.Diagnostic("ORG004").WithLocation(0));
    }

    [Fact]
    public async Task Negated_gate_keeps_the_else_branch()
    {
        await Verify.VerifyAsync(
            Repo("""
                        var hasOrgColumn = await connection.ExecuteScalarAsync<bool>("SELECT EXISTS(SELECT 1 FROM {|#0:INFORMATION_SCHEMA.COLUMNS|} WHERE COLUMN_NAME = 'organization_id')");
                        if (!hasOrgColumn)
                            return await connection.QueryAsync<int>("SELECT t.id FROM {|ORG001:tasks|} t");
                        else
                            return await connection.QueryAsync<int>("SELECT id FROM tasks WHERE organization_id = @organizationId", new { organizationId });
                """),
            Repo("""
                        return await connection.QueryAsync<int>("SELECT id FROM tasks WHERE organization_id = @organizationId", new { organizationId });
                """),
            Verify.Diagnostic("ORG004").WithLocation(0));
    }

    [Fact]
    public async Task Probe_in_the_condition_itself()
    {
        await Verify.VerifyAsync(
            Repo("""
                        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM {|#0:information_schema.columns|} WHERE column_name = 'organization_id'") == 0)
                        {
                            return await connection.QueryAsync<int>("SELECT t.id FROM {|ORG001:tasks|} t");
                        }
                        else
                        {
                            return await connection.QueryAsync<int>("SELECT id FROM tasks WHERE organization_id = @organizationId", new { organizationId });
                        }
                """),
            Repo("""
                        return await connection.QueryAsync<int>("SELECT id FROM tasks WHERE organization_id = @organizationId", new { organizationId });
                """),
            Verify.Diagnostic("ORG004").WithLocation(0));
    }

    [Fact]
    public async Task Not_offered_when_the_probe_result_is_used_elsewhere()
    {
        await Verify.VerifyNoFixAsync(
            Repo("""
                        var hasOrgColumn = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM {|#0:INFORMATION_SCHEMA.COLUMNS|}") > 0;
                        System.Console.WriteLine(hasOrgColumn);
                        if (hasOrgColumn)
                        {
                            return new List<int>();
                        }

                        return new List<int> { 1 };
                """),
            Verify.Diagnostic("ORG004").WithLocation(0));
    }

    [Fact]
    public async Task Fix_all_removes_two_probes_of_one_block_one_after_the_other()
    {
        await Verify.VerifyAsync(
            Repo("""
                        var hasOrgColumn = await connection.ExecuteScalarAsync<int>(
                            "SELECT COUNT(*) FROM {|#0:INFORMATION_SCHEMA.COLUMNS|} WHERE TABLE_NAME = 'tasks' AND COLUMN_NAME = 'organization_id'") > 0;
                        if (hasOrgColumn)
                        {
                            await connection.ExecuteAsync("UPDATE tasks SET done = 1 WHERE organization_id = @organizationId", new { organizationId });
                        }

                        if (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM {|#1:INFORMATION_SCHEMA.COLUMNS|} WHERE TABLE_NAME = 'users' AND COLUMN_NAME = 'organization_id'") > 0)
                        {
                            return await connection.QueryAsync<int>("SELECT id FROM users WHERE organization_id = @organizationId", new { organizationId });
                        }

                        return new List<int>();
                """),
            Repo("""
                        await connection.ExecuteAsync("UPDATE tasks SET done = 1 WHERE organization_id = @organizationId", new { organizationId });
                        return await connection.QueryAsync<int>("SELECT id FROM users WHERE organization_id = @organizationId", new { organizationId });

                        return new List<int>();
                """),
            Verify.Diagnostic("ORG004").WithLocation(0),
            Verify.Diagnostic("ORG004").WithLocation(1));
    }

    [Fact]
    public async Task Not_offered_for_a_reviewed_probe()
    {
        await Verify.VerifyNoFixAsync(
            Repo("""
                        {|#1:// orgscope: schema-probe the upgrade assistant asks which schema it runs against|}
                        var hasOrgColumn = await connection.ExecuteScalarAsync<int>(
                            "SELECT COUNT(*) FROM {|#0:INFORMATION_SCHEMA.COLUMNS|} WHERE TABLE_NAME = 'tasks' AND COLUMN_NAME = 'organization_id'") > 0;
                        if (hasOrgColumn)
                        {
                            return await connection.QueryAsync<int>("SELECT id FROM tasks WHERE organization_id = @organizationId", new { organizationId });
                        }

                        return new List<int>();
                """),
            Verify.Diagnostic("ORG004").WithLocation(0).WithLocation(1));
    }
}
