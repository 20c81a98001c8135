using System.Text;
using OrgScope.Analyzers.Sql;
using OrgScope.Analyzers.Tests.Infrastructure;
using OrgScope.Analyzers.Tests.Sql;

namespace OrgScope.Analyzers.Tests.Robustness;

/// <summary>
/// The SQL layer never throws and never reports out-of-range spans, on thousands of random and malformed inputs
/// (token soup, mutated real queries, raw character noise). Seeds are fixed so a failure reproduces.
/// </summary>
public class RandomSqlRobustnessTests
{
    private static readonly string[] Vocabulary =
    {
        "SELECT", "FROM", "WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "ON", "USING", "AND", "OR", "NOT", "IN", "EXISTS",
        "UNION", "ALL", "WITH", "RECURSIVE", "AS", "UPDATE", "SET", "DELETE", "INSERT", "INTO", "VALUES", "REPLACE", "DUPLICATE",
        "KEY", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "CASE", "WHEN", "THEN", "ELSE", "END", "BETWEEN", "LIKE",
        "IS", "NULL", "DESCRIBE", "SHOW", "COLUMNS", "INFORMATION_SCHEMA", "TABLE", "LATERAL", "STRAIGHT_JOIN", "NATURAL",
        "tasks", "users", "rewards", "user_rewards", "t", "u", "organization_id", "id", "`tasks`", "`a``b`", "db", "x",
        "(", ")", "(", ")", ",", ".", ";", "=", "<=>", "<>", "!=", "*", "+", "-", "/", "||", "&&", ":=", "->", "->>",
        "@org", "@@x", "?", ":p", "'str'", "'it''s'", "'esc\\'aped'", "\"dq\"", "1", "1.5e3", "0x1F", "-- c\n", "# c\n",
        "/* c */", "/*!40001 ", "*/", "/*", "'", "`", "\"", "\uE000", "\u00e9t\u00e9", "\n", "\t", "COUNT(*)", "NOW()",
        "MATCH", "AGAINST", "BOOLEAN", "MODE", "QUERY", "EXPANSION", "POSITION", "JSON_TABLE", "COLUMNS", "PATH", "NESTED", "'$[*]'",
        "{=org}", "{=", "{0}", "{", "}", "?ids?", "?x", "IN @ids", "{d '2020-01-01'}",
    };

    [Fact]
    public void Token_soup_never_throws()
    {
        var random = new Random(4201);
        for (var i = 0; i < 2500; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(1, 40);
            for (var j = 0; j < length; j++)
            {
                builder.Append(Vocabulary[random.Next(Vocabulary.Length)]);
                builder.Append(random.Next(4) == 0 ? string.Empty : " ");
            }

            AssertSafe(builder.ToString());
        }
    }

    [Fact]
    public void Mutated_real_queries_never_throw()
    {
        var random = new Random(4202);
        var corpus = ((IEnumerable<object[]>)Org001Shapes.MustWarn).Concat(Org001Shapes.MustNotWarn).Select(row => (string)row[0]).Select(sql => Markup.Parse(sql).Text).ToList();
        for (var i = 0; i < 2500; i++)
        {
            var chars = new StringBuilder(corpus[random.Next(corpus.Count)]);
            var mutations = random.Next(1, 6);
            for (var m = 0; m < mutations && chars.Length > 0; m++)
            {
                var at = random.Next(chars.Length);
                switch (random.Next(4))
                {
                    case 0:
                        chars.Remove(at, Math.Min(random.Next(1, 8), chars.Length - at));
                        break;
                    case 1:
                        chars.Insert(at, Vocabulary[random.Next(Vocabulary.Length)]);
                        break;
                    case 2:
                        chars[at] = (char)random.Next(32, 127);
                        break;
                    default:
                        chars.Length = at;
                        break;
                }
            }

            AssertSafe(chars.ToString());
        }
    }

    [Fact]
    public void Character_noise_and_pathological_nesting_never_throw()
    {
        var random = new Random(4203);
        for (var i = 0; i < 1000; i++)
        {
            var chars = new char[random.Next(0, 120)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)random.Next(0, 0x3000);
            }

            AssertSafe(new string(chars));
        }

        AssertSafe(string.Concat(Enumerable.Repeat("SELECT * FROM tasks WHERE id IN (", 3000)));
        AssertSafe("SELECT " + string.Concat(Enumerable.Repeat("NOT ", 20000)) + "1");
        AssertSafe("SELECT * FROM tasks WHERE " + string.Join(" OR ", Enumerable.Repeat("organization_id = @org", 5000)));
        AssertSafe(string.Concat(Enumerable.Repeat("WITH a AS (", 2000)));
    }

    private static void AssertSafe(string sql)
    {
        var result = SqlAnalysis.Analyze(sql, ScopeCheckerShapeTests.Tables, detectProbes: true, computeFixes: true);
        foreach (var finding in result.Findings)
        {
            Assert.InRange(finding.Start, 0, sql.Length);
            Assert.InRange(finding.End, finding.Start, sql.Length);
            Assert.All(finding.Edits, edit => Assert.InRange(edit.Offset, 0, sql.Length));
        }
    }
}
