using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Resolution;

/// <summary>
/// SQL built by the compilation's own code: a helper's return value (its parameters bound to the call's arguments),
/// readonly fields, properties. Findings in the helper's text go on the call's SQL argument; in the caller's own
/// literals, on the table itself.
/// </summary>
public class HelperResolutionTests
{
    private static string Repository(string body, string members) => """
        using System.Text;
        using Dapper;
        using MySqlConnector;

        public class Repository
        {
        """ + members + """

            public object Run(MySqlConnection connection, long org, long id, bool flag)
            {
        """ + "\n" + body + """

            }
        }
        """ + TestSources.Entities;

    [Fact]
    public async Task Helper_return_value_plus_a_literal_is_resolved_with_the_argument_bound()
    {
        // The HR service's shape: a select-building helper, the caller's WHERE, then + " LIMIT 1".
        await VerifyAsync(
            Repository(
                """
                connection.Query<int>(TravelAdvanceSelect("a.organization_id = @org AND a.id = @id") + " LIMIT 1", new { org, id });
                return connection.Query<int>({|#0:TravelAdvanceSelect("a.id = @id") + " LIMIT 1"|}, new { id });
                """,
                """
                    private static string TravelAdvanceSelect(string where) => "SELECT a.* FROM tasks a WHERE " + where;
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Findings_in_the_callers_own_text_point_at_the_table()
    {
        await VerifyAsync(
            Repository(
                """return connection.Query<int>(Where("SELECT * FROM {|#0:rewards|} r"), new { id });""",
                """
                    private static string Where(string select)
                    {
                        var sql = select;
                        sql += " WHERE r.id = @id";
                        return sql;
                    }
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Every_return_is_an_alternative_and_null_is_none()
    {
        await VerifyAsync(
            Repository(
                """return connection.Query<int>({|#0:Pick(id)|}, new { org, id });""",
                """
                    private static string Pick(long kind)
                    {
                        if (kind == 0)
                        {
                            return null;
                        }

                        if (kind == 1)
                        {
                            return "SELECT * FROM tasks WHERE organization_id = @org";
                        }

                        System.Func<string> ignored = () => "SELECT * FROM users";
                        return kind switch { 2 => "SELECT * FROM rewards WHERE organization_id = @org", _ => "SELECT * FROM achievements" };
                    }
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Readonly_fields_properties_and_chained_helpers_resolve()
    {
        await VerifyAsync(
            Repository(
                """
                connection.Query<int>(Columns + " WHERE t.organization_id = @org", new { org });
                connection.Query<int>(Scoped + " AND t.id = @id", new { org, id });
                connection.Query<int>(ById(), new { org, id });
                return connection.Query<int>({|#0:Unscoped|}, new { id });
                """,
                """
                    private static readonly string Columns = "SELECT t.id, t.title FROM tasks t";
                    private string Scoped => Columns + " WHERE t.organization_id = @org";
                    private static string Unscoped { get; } = "SELECT * FROM users WHERE id = @id";
                    private string ById() => Scoped + " AND t.id = @id";
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task What_cannot_be_followed_is_reported_as_not_checked()
    {
        await VerifyAsync(
            Repository(
                """
                connection.Query<int>({|#0:Virtual("a.id = @id") + " LIMIT 1"|}, new { id });
                connection.Query<int>({|#1:Mutable + " WHERE organization_id = @org"|}, new { org });
                connection.Query<int>({|#2:Reassigned|}, new { org });
                return connection.Query<int>({|#3:System.IO.File.ReadAllText("q.sql") + " LIMIT 1"|});
                """,
                """
                    protected virtual string Virtual(string where) => "SELECT a.* FROM tasks a WHERE " + where;
                    private static string Mutable = "SELECT * FROM tasks";
                    private readonly string Reassigned = "SELECT * FROM tasks";

                    public Repository() => Reassigned = "SELECT * FROM users";
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG005").WithLocation(0),
            Diagnostic("ORG005").WithLocation(1),
            Diagnostic("ORG005").WithLocation(2),
            Diagnostic("ORG005").WithLocation(3));
    }

    [Fact]
    public async Task Recursive_helpers_end_without_a_crash()
    {
        await VerifyAsync(
            Repository(
                """return connection.Query<int>({|#0:Loop(3)|});""",
                """
                    private static string Loop(int n) => n == 0 ? "SELECT 1" : Loop(n - 1) + " UNION SELECT 1";
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG005").WithLocation(0));
    }

    [Fact]
    public async Task A_long_concatenation_of_lines_is_not_cut_by_the_depth_limit()
    {
        var lines = string.Concat(Enumerable.Range(0, 60).Select(i => $"\"  , t.c{i}\" +\n"));
        await VerifyAsync(
            Repository(
                "return connection.Query<int>(\"SELECT t.id\" +\n" + lines + "\" FROM {|#0:tasks|} t WHERE t.id = @id\", new { id });",
                string.Empty),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }
}
