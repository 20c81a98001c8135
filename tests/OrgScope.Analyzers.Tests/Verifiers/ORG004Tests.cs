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
    [InlineData("SELECT * FROM {|#0:information_schema.routines|} WHERE routine_name = 'scoped_tasks'")]
    [InlineData("SELECT CONSTRAINT_NAME FROM {|#0:INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS|} WHERE TABLE_NAME = 'tasks'")]
    [InlineData("SELECT 1 FROM {|#0:INFORMATION_SCHEMA.TABLE_CONSTRAINTS|} tc JOIN {|#1:INFORMATION_SCHEMA.KEY_COLUMN_USAGE|} k ON k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME")]
    [InlineData("SELECT * FROM {|#0:INFORMATION_SCHEMA.SOME_FUTURE_VIEW|}")]
    [InlineData("{|#0:SHOW TABLES|} LIKE 'tasks'")]
    [InlineData("{|#0:SHOW FULL TABLES|}")]
    [InlineData("{|#0:SHOW TABLE STATUS|} LIKE 'tasks'")]
    [InlineData("{|#0:SHOW CREATE TABLE|} tasks")]
    [InlineData("{|#0:SHOW TRIGGERS|} LIKE 'tasks'")]
    public async Task Must_warn(string sql)
    {
        var expected = new List<Microsoft.CodeAnalysis.Testing.DiagnosticResult> { Diagnostic("ORG004").WithLocation(0) };
        if (sql.Contains("{|#1:", StringComparison.Ordinal))
        {
            expected.Add(Diagnostic("ORG004").WithLocation(1));
        }

        await VerifyAsync(TestSources.DapperQuery(sql), expected.ToArray());
    }

    [Theory]
    [InlineData("SELECT * FROM organizations ORDER BY name DESC")]
    [InlineData("EXPLAIN SELECT * FROM organizations")]
    [InlineData("SELECT 'INFORMATION_SCHEMA.COLUMNS' FROM organizations")]
    [InlineData("SELECT id FROM organizations -- SHOW COLUMNS FROM tasks")]
    [InlineData("SELECT * FROM INFORMATION_SCHEMA.PROCESSLIST WHERE COMMAND <> 'Sleep'")]
    [InlineData("SELECT * FROM information_schema.innodb_trx")]
    [InlineData("SHOW VARIABLES LIKE 'max_connections'")]
    [InlineData("SHOW PROCESSLIST")]
    [InlineData("SHOW CREATE USER current_user")]
    public async Task Must_not_warn(string sql)
    {
        await VerifyAsync(TestSources.DapperQuery(sql));
    }

    [Fact]
    public async Task Suppressed_in_allow_cross_org_code()
    {
        await ExemptionVerifier.VerifyAsync(
            TestSources.Method(
                """return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM {|#0:INFORMATION_SCHEMA.COLUMNS|} WHERE TABLE_NAME = 'tasks'");""",
                """    [{|#1:AllowCrossOrg("migration: checks the column before adding it")|}]"""),
            ExemptionVerifier.Exempt("ORG004").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Message_names_the_probe()
    {
        await VerifyAsync(
            TestSources.DapperQuery("{|#0:SHOW COLUMNS|} FROM tasks"),
            DiagnosticWithMessage("ORG004").WithLocation(0).WithArguments("SHOW COLUMNS"));
    }

    [Theory]
    [InlineData("{|#0:SHOW FULL COLUMNS|} FROM tasks", "SHOW COLUMNS")]
    [InlineData("{|#0:SHOW TABLE STATUS|}", "SHOW TABLE STATUS")]
    [InlineData("{|#0:show create table|} tasks", "SHOW CREATE TABLE")]
    [InlineData("SELECT * FROM {|#0:information_schema.key_column_usage|}", "INFORMATION_SCHEMA.KEY_COLUMN_USAGE")]
    public async Task Message_names_the_probe_as_written(string sql, string probe)
    {
        await VerifyAsync(TestSources.DapperQuery(sql), DiagnosticWithMessage("ORG004").WithLocation(0).WithArguments(probe));
    }
}
