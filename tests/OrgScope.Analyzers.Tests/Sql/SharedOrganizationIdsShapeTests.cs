using OrgScope.Analyzers.Sql;
using OrgScope.Analyzers.Tests.Infrastructure;

namespace OrgScope.Analyzers.Tests.Sql;

/// <summary>orgscope.shared_organization_ids: a filter that admits the caller's organization and the shared ids only is pinned.</summary>
public class SharedOrganizationIdsShapeTests
{
    private static readonly ScopedTableSet Tables = ScopeCheckerShapeTests.Tables;

    private static ScopeSettings Shared(string ids) => new(Tables, SharedOrganizationIds.Parse(ids), trustLookupJoins: false);

    public static TheoryData<string> Pinned { get; } = new()
    {
        "SELECT * FROM tasks WHERE organization_id IN (0, @org)",
        "SELECT * FROM tasks WHERE organization_id IN (@org, '0')",
        "SELECT * FROM tasks WHERE organization_id = 0 OR organization_id = @org",
        "SELECT * FROM tasks WHERE (organization_id = 0 OR organization_id = @org) AND title = @title",
        "SELECT * FROM tasks t WHERE t.title = @title AND (t.organization_id = @org OR 0 = t.organization_id)",
        "SELECT * FROM tasks WHERE organization_id = 0",
        "SELECT * FROM tasks WHERE organization_id IN (0)",
        "SELECT * FROM tasks WHERE organization_id IN (0.0, @org)",
        "SELECT * FROM tasks t JOIN users u ON u.organization_id = t.organization_id WHERE t.organization_id IN (0, @org)",
        "SELECT * FROM tasks t LEFT JOIN users u ON u.id = t.assigned_to AND u.organization_id IN (0, @org) WHERE t.organization_id = @org",
        "SELECT * FROM (SELECT * FROM tasks) x WHERE x.organization_id IN (0, @org)",
        "WITH s AS (SELECT * FROM rewards WHERE organization_id IN (0, @org)) SELECT * FROM s",
        "SELECT * FROM tasks WHERE organization_id = @org UNION SELECT * FROM tasks WHERE organization_id = 0",
        "UPDATE tasks SET title = @title WHERE organization_id = @org",
        "DELETE FROM tasks WHERE organization_id = @org AND assigned_to IN (SELECT id FROM users WHERE organization_id IN (0, @org))",
        "INSERT INTO tasks (title, organization_id) SELECT title, @org FROM tasks WHERE organization_id IN (0, @org)",
    };

    [Theory]
    [MemberData(nameof(Pinned))]
    public void Shared_ids_with_the_callers_organization_pin(string sql)
    {
        Assert.Empty(Analyze(sql, Shared("0")));
    }

    [Theory]
    [MemberData(nameof(Pinned))]
    public void Without_the_setting_every_one_that_admits_a_shared_id_warns(string sql)
    {
        var findings = Analyze(sql, ScopeSettings.Strict(Tables));
        if (sql.Contains(" 0", StringComparison.Ordinal) || sql.Contains("'0'", StringComparison.Ordinal) || sql.Contains("(0", StringComparison.Ordinal))
        {
            // ORG003 where the literal is the table's own filter; ORG001 inside a derived table or CTE pinned from outside.
            Assert.NotEmpty(findings);
            Assert.All(findings, f => Assert.True(f.Rule == SqlRule.MissingFilter || (f.Rule == SqlRule.BypassableFilter && f.Reason == BypassReason.Literal)));
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Theory]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id IN (0, 1, @org)", "Literal")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id = 0 OR organization_id = 5", "Literal")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id = 1", "Literal")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id IN (0, @org) OR title = @title", "UnderOr")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id = 0 OR title = @title", "UnderOr")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id IS NULL OR organization_id = @org", "UnderOr")]
    [InlineData("UPDATE {|#0:tasks|} SET title = @title WHERE organization_id IN (0, @org)", "ChangesSharedRows")]
    [InlineData("DELETE FROM {|#0:tasks|} WHERE organization_id = 0 OR organization_id = @org", "ChangesSharedRows")]
    [InlineData("UPDATE {|#0:tasks|} SET title = @title WHERE organization_id = 0", "ChangesSharedRows")]
    [InlineData("DELETE t FROM {|#0:tasks|} t WHERE t.organization_id IN (@org, 0)", "ChangesSharedRows")]
    public void Must_warn_ORG003(string markup, string reason)
    {
        var (sql, spans) = Markup.Parse(markup);
        var findings = Analyze(sql, Shared("0"));
        var finding = Assert.Single(findings);
        Assert.Equal((SqlRule.BypassableFilter, Enum.Parse<BypassReason>(reason)), (finding.Rule, finding.Reason));
        Assert.Equal(spans[0], (finding.Start, finding.End));
    }

    [Fact]
    public void An_update_joined_through_a_shared_pin_flags_every_table_it_reaches()
    {
        var (sql, spans) = Markup.Parse("UPDATE {|#0:tasks|} t JOIN {|#1:users|} u ON u.organization_id = t.organization_id SET t.title = u.name WHERE t.organization_id IN (0, @org)");
        var findings = Analyze(sql, Shared("0"));
        Assert.All(findings, f => Assert.Equal(BypassReason.ChangesSharedRows, f.Reason));
        Assert.Equal(spans, findings.Select(f => (f.Start, f.End)).OrderBy(s => s).ToList());
    }

    [Theory]
    [InlineData("SELECT * FROM tasks WHERE organization_id IS NULL OR organization_id = @org")]
    [InlineData("SELECT * FROM tasks WHERE organization_id IS NULL")]
    [InlineData("SELECT * FROM tasks WHERE (organization_id  IS  NULL OR organization_id IN (0, @org)) AND id = @id")]
    public void Null_is_shared_when_listed(string sql)
    {
        Assert.Empty(Analyze(sql, Shared("0, NULL")));
    }

    [Theory]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id IS NOT NULL OR organization_id = @org", "BypassableFilter")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE organization_id IS NULL OR title = @title", "BypassableFilter")]
    [InlineData("SELECT * FROM {|#0:tasks|} WHERE ISNULL(organization_id) OR organization_id = @org", "BypassableFilter")]
    public void Null_tests_that_are_not_the_shared_value_still_warn(string markup, string rule)
    {
        var (sql, spans) = Markup.Parse(markup);
        var finding = Assert.Single(Analyze(sql, Shared("0, NULL")));
        Assert.Equal(Enum.Parse<SqlRule>(rule), finding.Rule);
        Assert.Equal(spans[0], (finding.Start, finding.End));
    }

    [Fact]
    public void String_ids_match_quoted_or_bare()
    {
        var settings = Shared("'global', 00000000-0000-0000-0000-000000000000");
        Assert.Empty(Analyze("SELECT * FROM tasks WHERE organization_id IN ('global', @org)", settings));
        Assert.Empty(Analyze("SELECT * FROM tasks WHERE organization_id IN ('00000000-0000-0000-0000-000000000000', @org)", settings));
        Assert.Equal(BypassReason.Literal, Assert.Single(Analyze("SELECT * FROM tasks WHERE organization_id IN ('other', @org)", settings)).Reason);
    }

    [Fact]
    public void The_audit_references_say_the_pin_admits_shared_ids()
    {
        var result = SqlAnalysis.Analyze(
            "SELECT * FROM tasks t JOIN users u ON u.organization_id = t.organization_id JOIN rewards r ON r.organization_id = @org WHERE t.organization_id IN (0, @org)",
            Shared("0"), detectProbes: true, computeFixes: false);
        Assert.Equal(
            ["tasks t:True:SharedIds", "users u:True:SharedIds", "rewards r:True:None"],
            result.References.Select(r => r.Table + " " + r.Alias + ":" + r.Pinned + ":" + r.Trust));
    }

    private static List<SqlFinding> Analyze(string sql, ScopeSettings settings) =>
        SqlAnalysis.Analyze(sql, settings, detectProbes: true, computeFixes: false).Findings;
}
