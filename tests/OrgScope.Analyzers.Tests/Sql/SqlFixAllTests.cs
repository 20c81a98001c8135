using OrgScope.Analyzers.Sql;
using OrgScope.Analyzers.Tests.Infrastructure;

namespace OrgScope.Analyzers.Tests.Sql;

/// <summary>One fix for all of a statement's fixable findings of a rule (what Fix All and dotnet format apply).</summary>
public class SqlFixAllTests
{
    private static readonly ScopedTableSet Tables = ScopeCheckerShapeTests.Tables;

    [Theory]
    [InlineData(
        "SELECT t.id FROM tasks t, users u WHERE u.id = t.assigned_to",
        "SELECT t.id FROM tasks t, users u WHERE u.id = t.assigned_to AND t.organization_id = @OrganizationId AND u.organization_id = @OrganizationId")]
    [InlineData(
        "SELECT * FROM tasks t, users u ORDER BY t.id",
        "SELECT * FROM tasks t, users u WHERE t.organization_id = @OrganizationId AND u.organization_id = @OrganizationId ORDER BY t.id")]
    [InlineData(
        "SELECT * FROM tasks t JOIN users u ON u.id = t.assigned_to WHERE t.id = 1 OR u.id = 2",
        "SELECT * FROM tasks t JOIN users u ON u.id = t.assigned_to AND u.organization_id = @OrganizationId WHERE (t.id = 1 OR u.id = 2) AND t.organization_id = @OrganizationId")]
    [InlineData(
        "DELETE FROM tasks WHERE id = @id; DELETE FROM rewards WHERE id = @id",
        "DELETE FROM tasks WHERE id = @id AND tasks.organization_id = @OrganizationId; DELETE FROM rewards WHERE id = @id AND rewards.organization_id = @OrganizationId")]
    public void Fixes_every_fixable_finding_of_the_statement_at_once(string sql, string expected)
    {
        var result = SqlAnalysis.Analyze(sql, Tables, detectProbes: true, computeFixes: true);
        var together = SqlFixAll.Combine(sql, result, ScopeSettings.Strict(Tables));
        Assert.NotNull(together);
        Assert.Equal(expected, SqlEditApplier.Apply(sql, together[SqlRule.MissingFilter]));
    }

    [Fact]
    public void One_fixable_finding_needs_no_combined_fix()
    {
        const string sql = "SELECT * FROM tasks t RIGHT JOIN users u ON u.id = t.assigned_to";
        var result = SqlAnalysis.Analyze(sql, Tables, detectProbes: true, computeFixes: true);
        Assert.Null(SqlFixAll.Combine(sql, result, ScopeSettings.Strict(Tables)));
    }

    /// <summary>Over the whole ORG001 corpus: where two or more findings had a fix, the combined fix leaves none fixable and breaks nothing.</summary>
    [Theory]
    [MemberData(nameof(Org001Shapes.MustWarn), MemberType = typeof(Org001Shapes))]
    public void The_combined_fix_clears_what_was_fixable_and_nothing_else_changes(string markup)
    {
        var (sql, _) = Markup.Parse(markup);
        var before = SqlAnalysis.Analyze(sql, Tables, detectProbes: true, computeFixes: true);
        var together = SqlFixAll.Combine(sql, before, ScopeSettings.Strict(Tables));
        if (before.Findings.Count(f => f.Edits.Count > 0) < 2)
        {
            Assert.Null(together);
            return;
        }

        Assert.NotNull(together);
        var fixedSql = SqlEditApplier.Apply(sql, together[SqlRule.MissingFilter]);
        var after = SqlAnalysis.Analyze(fixedSql, Tables, detectProbes: true, computeFixes: true);
        Assert.Equal((before.ParsedStatements, before.FailedStatements), (after.ParsedStatements, after.FailedStatements));
        Assert.DoesNotContain(after.Findings, f => f.Edits.Count > 0);
        Assert.True(after.Findings.Count <= before.Findings.Count - before.Findings.Count(f => f.Edits.Count > 0), fixedSql);
    }
}
