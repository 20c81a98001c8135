using OrgScope.Analyzers.Diagnostics;
using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Verifiers;

/// <summary>ORG005 (info, on by default): SQL at a sink that was not (fully) checked, and why.</summary>
public class ORG005Tests
{
    [Fact]
    public void Is_on_by_default_at_info_so_no_gap_is_silent_and_no_build_fails()
    {
        Assert.True(DiagnosticDescriptors.UnresolvedSql.IsEnabledByDefault);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, DiagnosticDescriptors.UnresolvedSql.DefaultSeverity);
    }

    [Fact]
    public async Task Method_result_is_unresolved()
    {
        var source = TestSources.Method("return connection.Query<int>({|#0:Build()|});") + """

            public partial class Repository
            {
            }
            """;
        source = source.Replace("public class Repository", "public partial class Repository").Replace(
            "public object Run(", "private static string Build() => System.IO.File.ReadAllText(\"q.sql\");\n\n    public object Run(");
        await VerifyAsync(source, null, enableOrg005: true, DiagnosticWithMessage("ORG005").WithLocation(0).WithArguments("Query", "could not be resolved to text"));
    }

    [Fact]
    public async Task Unmarked_parameter_is_unresolved_but_marked_one_is_checked_at_callers()
    {
        var source = """
            using Dapper;
            using MySqlConnector;

            public static class Helpers
            {
                public static object Plain(MySqlConnection c, string sql) => c.Query<int>({|#0:sql|});

                public static object Marked(MySqlConnection c, [OrgScope.Sql] string sql) => c.Query<int>(sql);

                public static object Caller(MySqlConnection c) => Marked(c, "SELECT * FROM {|#1:tasks|}");
            }
            """ + TestSources.Entities;
        await VerifyAsync(source, null, enableOrg005: true, Diagnostic("ORG005").WithLocation(0), Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task Unparseable_sql_is_reported_not_guessed()
    {
        await VerifyAsync(
            TestSources.Method("""return connection.Query<int>({|#0:"SELECT * FROM tasks WHERE MATCH(title) AGAINST 'x'"|});"""),
            null,
            enableOrg005: true,
            DiagnosticWithMessage("ORG005").WithLocation(0).WithArguments("Query", "could not be parsed"));
    }

    [Fact]
    public async Task Unresolved_start_plus_a_literal_is_unresolved_like_the_bare_call()
    {
        var source = TestSources.Method("""
            connection.Query<int>({|#0:System.IO.File.ReadAllText("q.sql")|});
            return connection.Query<int>({|#1:System.IO.File.ReadAllText("q.sql") + " LIMIT 1"|});
            """);
        await VerifyAsync(
            source,
            null,
            enableOrg005: true,
            DiagnosticWithMessage("ORG005").WithLocation(0).WithArguments("Query", "could not be resolved to text"),
            DiagnosticWithMessage("ORG005").WithLocation(1).WithArguments("Query", "could not be resolved to text"));
    }

    [Fact]
    public async Task A_table_named_by_an_unresolved_value_is_reported()
    {
        await VerifyAsync(
            TestSources.Method("""
                connection.Query<int>($"SELECT * FROM {"tasks"} WHERE organization_id = @org", new { org });
                var table = System.IO.File.ReadAllText("table.txt");
                return connection.Query<int>({|#0:$"SELECT * FROM {table} WHERE id = @id"|}, new { id });
                """),
            null,
            enableOrg005: true,
            DiagnosticWithMessage("ORG005").WithLocation(0).WithArguments("Query", "names a table that could not be resolved to text"));
    }

    [Fact]
    public async Task A_table_named_by_an_unresolved_value_in_backticks_is_reported()
    {
        // OpenSimulator's grid services: "select * from `" + m_Realm + "` where ...", the table from configuration.
        // The backticks around the hole quote an unknown name; it was read as a table called by the hole and counted
        // as checked, with no org-scoped table (a silent gap).
        await VerifyAsync(
            TestSources.Method("""
                var realm = System.IO.File.ReadAllText("table.txt");
                connection.Query<int>({|#0:"select * from `" + realm + "` where id = @id"|}, new { id });
                connection.Execute({|#1:$"DELETE FROM `{realm}` WHERE id = @id"|}, new { id });
                return connection.Query<int>({|#2:"SELECT * FROM `db`.`" + realm + "` WHERE id = @id"|}, new { id });
                """),
            null,
            enableOrg005: true,
            DiagnosticWithMessage("ORG005").WithLocation(0).WithArguments("Query", "names a table that could not be resolved to text"),
            DiagnosticWithMessage("ORG005").WithLocation(1).WithArguments("Execute", "names a table that could not be resolved to text"),
            DiagnosticWithMessage("ORG005").WithLocation(2).WithArguments("Query", "names a table that could not be resolved to text"));
    }

    [Fact]
    public async Task An_unresolved_fragment_where_sql_is_expected_is_unresolved_not_unparsed()
    {
        await VerifyAsync(
            TestSources.Method("""return connection.Query<int>({|#0:"SELECT * FROM tasks " + System.IO.File.ReadAllText("where.txt") + " organization_id = @org"|}, new { org });"""),
            null,
            enableOrg005: true,
            DiagnosticWithMessage("ORG005").WithLocation(0).WithArguments("Query", "could not be resolved to text"));
    }

    [Fact]
    public async Task Null_sql_is_not_reported()
    {
        await VerifyAsync(TestSources.Method("return connection.Query<int>((string)null!);"), null, enableOrg005: true);
    }
}
