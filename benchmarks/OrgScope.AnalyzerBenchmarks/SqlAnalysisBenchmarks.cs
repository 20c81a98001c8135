using BenchmarkDotNet.Attributes;
using OrgScope.Analyzers.Sql;

namespace OrgScope.AnalyzerBenchmarks;

/// <summary>The Roslyn-free SQL layer per query: lex + parse + scope check (+ probe scan), the analyzer's inner loop.</summary>
[MemoryDiagnoser]
public class SqlAnalysisBenchmarks
{
    private static readonly ScopedTableSet Tables = ScopedTableSet.Create(ScopedTableSet.ParseList("tasks, users, rewards, user_rewards, achievements"));

    [Params("simple", "join", "cte", "leak")]
    public string Shape { get; set; } = "simple";

    private string _sql = string.Empty;

    public string Sql => _sql;

    [GlobalSetup]
    public void Setup()
    {
        _sql = Shape switch
        {
            "simple" => "SELECT id, title FROM tasks WHERE organization_id = @organizationId AND id = @id",
            "join" => "SELECT t.id FROM tasks t JOIN users u ON u.id = t.assigned_to AND u.organization_id = t.organization_id LEFT JOIN user_rewards ur ON ur.user_id = u.id AND ur.organization_id = u.organization_id WHERE t.organization_id = @organizationId AND t.title LIKE CONCAT(@q, '%') ORDER BY t.id LIMIT 50",
            "cte" => "WITH recent AS (SELECT ur.user_id FROM user_rewards ur WHERE ur.organization_id = @o AND ur.granted_at > NOW() - INTERVAL 7 DAY) SELECT u.id, (SELECT COUNT(*) FROM tasks t WHERE t.assigned_to = u.id AND t.organization_id = u.organization_id) FROM users u JOIN recent ON recent.user_id = u.id WHERE u.organization_id = @o UNION SELECT id, 0 FROM rewards WHERE organization_id = @o",
            _ => "UPDATE tasks t JOIN users u ON u.id = t.assigned_to SET t.title = @title WHERE u.current_organization_id = @o",
        };
    }

    [Benchmark]
    public int Analyze() => SqlAnalysis.Analyze(_sql, Tables, detectProbes: true, computeFixes: false).Findings.Count;

    [Benchmark]
    public int AnalyzeWithFixes() => SqlAnalysis.Analyze(_sql, Tables, detectProbes: true, computeFixes: true).Findings.Count;
}
