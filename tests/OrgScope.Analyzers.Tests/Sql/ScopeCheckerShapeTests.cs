using OrgScope.Analyzers.Sql;
using OrgScope.Analyzers.Tests.Infrastructure;

namespace OrgScope.Analyzers.Tests.Sql;

/// <summary>The ORG001 corpus against the Roslyn-free checker: exact spans, no Roslyn in the way.</summary>
public class ScopeCheckerShapeTests
{
    internal static readonly ScopedTableSet Tables = ScopedTableSet.Create(ScopedTableSet.ParseList("tasks, users, rewards, user_rewards, achievements"));

    [Theory]
    [MemberData(nameof(Org001Shapes.MustWarn), MemberType = typeof(Org001Shapes))]
    public void Must_warn(string markup)
    {
        var (sql, spans) = Markup.Parse(markup);
        var findings = SqlAnalysis.Analyze(sql, Tables, detectProbes: true, computeFixes: false).Findings;
        Assert.All(findings, f => Assert.Equal(SqlRule.MissingFilter, f.Rule));
        Assert.Equal(spans, findings.Select(f => (f.Start, f.End)).OrderBy(s => s).ToList());
    }

    [Theory]
    [MemberData(nameof(Org001Shapes.MustNotWarn), MemberType = typeof(Org001Shapes))]
    public void Must_not_warn(string sql)
    {
        var findings = SqlAnalysis.Analyze(sql, Tables, detectProbes: true, computeFixes: false).Findings;
        Assert.Empty(findings);
    }
}
