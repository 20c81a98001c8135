using OrgScope.Analyzers.Sql;
using OrgScope.Analyzers.Tests.Infrastructure;

namespace OrgScope.Analyzers.Tests.Sql;

/// <summary>orgscope.trust_lookup_joins: a join on a scoped table's full primary key from a pinned row is a pin; off by default.</summary>
public class LookupJoinShapeTests
{
    // achievements is scoped without a known key: lookups into it are never trusted.
    private static readonly ScopedTableSet Tables = ScopedTableSet.Create(ScopedTableSet.ParseList(
        "tasks(id), users(id), rewards(id), user_rewards(user_id, reward_id), achievements"));

    private static readonly ScopeSettings Trusting = new(Tables, SharedOrganizationIds.None, trustLookupJoins: true);

    public static TheoryData<string> Lookups { get; } = new()
    {
        "SELECT t.*, u.name FROM tasks t LEFT JOIN users u ON u.id = t.assigned_to WHERE t.organization_id = @org",
        "SELECT * FROM tasks t JOIN users u ON t.assigned_to = u.id WHERE t.organization_id = @org",
        "SELECT * FROM tasks t JOIN users u ON u.id = t.assigned_to AND u.active = 1 WHERE t.organization_id = @org",
        "SELECT * FROM tasks t JOIN users u ON u.id = t.assigned_to OR u.id = t.created_by WHERE t.organization_id = @org",
        "SELECT * FROM tasks t LEFT JOIN users u ON u.id = t.assigned_to LEFT JOIN rewards r ON r.id = u.favourite_reward_id WHERE t.organization_id = @org",
        "SELECT * FROM tasks t, users u WHERE u.id = t.assigned_to AND t.organization_id = @org",
        "SELECT t.id, (SELECT u.name FROM users u WHERE u.id = t.assigned_to) AS who FROM tasks t WHERE t.organization_id = @org",
        "SELECT * FROM users u JOIN users m ON m.id = u.manager_id WHERE u.organization_id = @org",
        "SELECT * FROM users u JOIN rewards r ON r.organization_id = u.organization_id JOIN user_rewards ur ON ur.user_id = u.id AND ur.reward_id = r.id WHERE u.organization_id = @org",
        "UPDATE tasks t JOIN users u ON u.id = t.assigned_to SET t.title = u.name WHERE t.organization_id = @org",
    };

    [Theory]
    [MemberData(nameof(Lookups))]
    public void A_lookup_from_a_pinned_row_is_trusted_when_switched_on(string sql)
    {
        Assert.Empty(Analyze(sql, Trusting));
    }

    [Theory]
    [MemberData(nameof(Lookups))]
    public void Off_by_default_each_lookup_is_ORG001(string sql)
    {
        var findings = Analyze(sql, ScopeSettings.Strict(Tables));
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(SqlRule.MissingFilter, f.Rule));
    }

    [Theory]
    [InlineData("SELECT * FROM tasks t LEFT JOIN {|#0:users|} u ON u.email = t.assignee_email WHERE t.organization_id = @org")]
    [InlineData("SELECT * FROM tasks t LEFT JOIN {|#0:users|} u ON u.id = @id WHERE t.organization_id = @org")]
    [InlineData("SELECT * FROM {|#0:tasks|} t JOIN {|#1:users|} u ON u.id = t.assigned_to WHERE t.title = @title")]
    [InlineData("SELECT * FROM tasks t JOIN {|#0:users|} u ON u.id = t.assigned_to OR u.email = t.assignee_email WHERE t.organization_id = @org")]
    [InlineData("SELECT * FROM tasks t JOIN {|#0:users|} u ON u.id = t.assigned_to + 1 WHERE t.organization_id = @org")]
    [InlineData("SELECT * FROM users u JOIN {|#0:user_rewards|} ur ON ur.user_id = u.id WHERE u.organization_id = @org")]
    [InlineData("SELECT * FROM users u JOIN {|#0:user_rewards|} ur ON ur.user_id = u.id AND ur.reward_id = @reward WHERE u.organization_id = @org")]
    [InlineData("SELECT * FROM tasks t JOIN {|#0:achievements|} a ON a.id = t.achievement_id WHERE t.organization_id = @org")]
    [InlineData("SELECT * FROM user_organizations uo JOIN {|#0:users|} u ON u.id = uo.user_id WHERE uo.organization_id = @org")]
    [InlineData("SELECT * FROM tasks t LEFT JOIN {|#0:users|} u ON u.id = t.assigned_to WHERE t.organization_id = @org OR t.id = @id")]
    [InlineData("SELECT * FROM tasks t LEFT JOIN {|#0:users|} u ON u.id = u.manager_id WHERE t.organization_id = @org")]
    [InlineData("SELECT * FROM tasks t WHERE t.organization_id = @org AND t.assigned_to IN (SELECT u.id FROM {|#0:users|} u WHERE u.id = t.id + 0)")]
    public void Must_warn_when_it_is_not_a_key_lookup_from_a_pinned_row(string markup)
    {
        var (sql, spans) = Markup.Parse(markup);
        var findings = Analyze(sql, Trusting).Where(f => f.Rule == SqlRule.MissingFilter).ToList();
        Assert.Equal(spans, findings.Select(f => (f.Start, f.End)).OrderBy(s => s).ToList());
    }

    [Fact]
    public void The_audit_references_say_which_pin_is_a_trusted_lookup()
    {
        var result = SqlAnalysis.Analyze(
            "SELECT * FROM tasks t LEFT JOIN users u ON u.id = t.assigned_to LEFT JOIN rewards r ON r.id = u.favourite_reward_id WHERE t.organization_id = @org",
            Trusting, detectProbes: true, computeFixes: false);
        Assert.Equal(
            ["tasks t:True:None", "users u:True:LookupJoin", "rewards r:True:LookupJoin"],
            result.References.Select(r => r.Table + " " + r.Alias + ":" + r.Pinned + ":" + r.Trust));
    }

    [Fact]
    public void A_lookup_from_a_row_pinned_by_shared_ids_relies_on_both()
    {
        var settings = new ScopeSettings(Tables, SharedOrganizationIds.Parse("0"), trustLookupJoins: true);
        var result = SqlAnalysis.Analyze(
            "SELECT * FROM tasks t JOIN users u ON u.id = t.assigned_to WHERE t.organization_id IN (0, @org)",
            settings, detectProbes: true, computeFixes: false);
        Assert.Empty(result.Findings);
        Assert.Equal(PinTrust.SharedIds | PinTrust.LookupJoin, result.References.Single(r => r.Alias == "u").Trust);
    }

    private static List<SqlFinding> Analyze(string sql, ScopeSettings settings) =>
        SqlAnalysis.Analyze(sql, settings, detectProbes: true, computeFixes: false).Findings;
}
