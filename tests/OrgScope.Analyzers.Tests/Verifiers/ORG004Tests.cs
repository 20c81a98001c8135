using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Verifiers;

/// <summary>ORG004: a run-time schema probe (the fallback the migration makes obsolete).</summary>
public class ORG004Tests
{
    [Theory]
    [InlineData("SELECT COUNT(*) FROM {|#0:INFORMATION_SCHEMA.COLUMNS|} WHERE TABLE_NAME = 'tasks' AND COLUMN_NAME = 'organization_id'")]
    [InlineData("SELECT 1 FROM {|#0:information_schema.tables|} WHERE table_name = 'tasks'")]
    [InlineData("SELECT * FROM {|#0:`information_schema`.`STATISTICS`|} WHERE index_name = 'ix'")]
    [InlineData("{|#0:SHOW COLUMNS|} FROM tasks LIKE 'organization_id'")]
    [InlineData("{|#0:SHOW FULL FIELDS|} FROM tasks")]
    [InlineData("{|#0:SHOW INDEX|} FROM tasks")]
    [InlineData("{|#0:DESCRIBE|} tasks")]
    [InlineData("{|#0:DESC|} `tasks`")]
    [InlineData("SELECT 1; {|#0:EXPLAIN|} tasks")]
    [InlineData("SELECT EXISTS(SELECT 1 FROM {|#0:INFORMATION_SCHEMA.COLUMNS|} WHERE TABLE_NAME = 'tasks') AS has_org")]
    public async Task Must_warn(string sql)
    {
        await VerifyAsync(TestSources.DapperQuery(sql), Diagnostic("ORG004").WithLocation(0));
    }

    [Theory]
    [InlineData("SELECT * FROM organizations ORDER BY name DESC")]
    [InlineData("EXPLAIN SELECT * FROM organizations")]
    [InlineData("SELECT * FROM information_schema.routines")]
    [InlineData("SELECT 'INFORMATION_SCHEMA.COLUMNS' FROM organizations")]
    [InlineData("SELECT id FROM organizations -- SHOW COLUMNS FROM tasks")]
    [InlineData("SHOW TABLES")]
    public async Task Must_not_warn(string sql)
    {
        await VerifyAsync(TestSources.DapperQuery(sql));
    }

    [Fact]
    public async Task Not_reported_in_allow_cross_org_code()
    {
        await VerifyAsync(TestSources.Method(
            """return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'tasks'");""",
            """    [AllowCrossOrg("migration: checks the column before adding it")]"""));
    }

    [Fact]
    public async Task Message_names_the_probe()
    {
        await VerifyAsync(
            TestSources.DapperQuery("{|#0:SHOW COLUMNS|} FROM tasks"),
            DiagnosticWithMessage("ORG004").WithLocation(0).WithArguments("SHOW COLUMNS"));
    }
}
