using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OrgScope.Analyzers.Analyzers;
using OrgScope.Analyzers.Exemptions;
using OrgScope.Analyzers.Tests.Infrastructure;

namespace OrgScope.Analyzers.Tests.Robustness;

/// <summary>
/// The analyzers and the suppressor never throw into the compiler (no AD0001) on C# with errors: truncated files, wrong
/// calls, bad literals, half-written markers.
/// </summary>
public class BrokenCSharpRobustnessTests
{
    private static readonly string[] Bodies =
    {
        """
        var sql = "SELECT * FROM tasks t WHERE t.id = @id";
        if (flag) { sql += " AND t.organization_id = @org"; }
        var sb = new StringBuilder("SELECT * FROM users");
        sb.Append(" WHERE id = ").Append(id);
        connection.Execute($"UPDATE rewards SET name = {title} WHERE organization_id = {org}");
        using var command = new MySqlCommand(flag ? "DELETE FROM tasks" : @"DELETE FROM ""x"" ", connection);
        command.CommandText = string.Format("SELECT {0} FROM tasks", title);
        return connection.Query<int>(sb.ToString(), new { id });
        """,
        """"
        const string q = """
            SELECT * FROM INFORMATION_SCHEMA.COLUMNS
            """;
        var has = connection.ExecuteScalar<int>(q) > 0;
        if (has) { return connection.Query<int>("SELECT id FROM tasks WHERE organization_id = @org", new { org }); }
        return connection.Query<int>("INSERT INTO tasks (title) VALUES (@title)", new { title });
        """",
        """
        // orgscope: cross-org the nightly job
        var all = connection.Query<int>(
            // orgscope: cross-org
            "SELECT id FROM tasks -- orgscope: cross-org reason\n; DELETE FROM users /* orgscope: schema-probe */" + title);
        connection.Execute("SHOW COLUMNS FROM tasks # orgscope: schema-probe health check"); /* orgscope: crossorg */
        // orgscope: cross-org local
        var sql = $"SELECT * FROM rewards /* orgscope: cross-org {title} */";
        return connection.Query<int>(sql);
        """,
    };

    /// <summary>Helpers the analyzer follows (returns, parameters reaching sinks), with every shape that can go wrong.</summary>
    private const string Helpers = """

        public static partial class Helpers
        {
            private static readonly string Columns = "SELECT t.id FROM tasks t";
            private static readonly string[] Tables = { "tasks", "users" };
            public static string Where(string where) => Columns + " WHERE " + where;
            public static string Loop(int n) => n == 0 ? Columns : Loop(n - 1) + " UNION " + Columns;
            public static int Exec(MySqlConnector.MySqlConnection c, string sql) => Exec2(c, sql + " LIMIT 1");
            private static int Exec2(MySqlConnector.MySqlConnection c, string sql) => Retry(() => Dapper.SqlMapper.Execute(c, sql));
            private static T Retry<T>(System.Func<T> work) => work();
            public static T Generic<T>(MySqlConnector.MySqlConnection c, string sql) where T : class => Dapper.SqlMapper.QueryFirst<T>(c, sql);
            public static partial string Declared(string x);
            public static extern string External(string x);
            public static System.Collections.Generic.IEnumerable<string> Iterate(string x) { yield return x; }
            public static void Purge(MySqlConnector.MySqlConnection c) { foreach (var t in Tables) Exec(c, $"DELETE FROM {t}"); }
            public static int Cycle(MySqlConnector.MySqlConnection c, string a, string b) => Cycle(c, b, a) + Exec(c, a + b);
        }
        """;

    private static readonly string[] Broken =
    {
        "return connection.Query<int>(;",
        "return connection.Query<int>(\"SELECT * FROM tasks", // unterminated literal
        "return connection.Query<int>(undefined + \"SELECT\");",
        "return connection.Query<int>(\"SELECT\" + , new { id });",
        "return connection.Query<int>($\"SELECT {  } FROM tasks\");",
        "return connection.Query<int>(\"\\q\\u12\" + \"FROM tasks\");",
        "var x = ; return connection.Query<int>(x);",
        "string s; return connection.Query<int>(s);",
        "return connection.Query<int>(sql: 42);",
        "new MySqlCommand { CommandText = }; return null;",
        "return Dapper.SqlMapper.Query<int>(null, null);",
        "var sb = new StringBuilder(); sb.Append(; return connection.Query<int>(sb.ToString());",
        "return connection.Query<int>(flag ? : \"SELECT * FROM tasks\");",
        "return connection.Query<int>(\"SELECT * FROM tasks WHERE MATCH(\");",
        "return connection.Query<int>(\"SELECT * FROM tasks WHERE MATCH(title) AGAINST 'x' AND organization_id = @org\");",
        "return connection.Query<int>(\"SELECT * FROM tasks WHERE POSITION('a' IN \" + title);",
        "return connection.Query<int>(\"SELECT * FROM tasks t JOIN JSON_TABLE(t.tags, '$[*]' COLUMNS (tag TEXT\");",
        "return connection.Query<int>($\"SELECT * FROM tasks t, JSON_TABLE({title}, {title} COLUMNS ({title})) j WHERE t.organization_id = {org}\");",
        "return connection.Query<int>(Helpers.Where(\"t.organization_id = @org\") + Helpers.Loop(3) + Helpers.Declared(title) + Helpers.External(title));",
        "return Helpers.Exec(connection, Helpers.Where(title)) + Helpers.Cycle(connection, \"DELETE FROM tasks\", title) + Helpers.Generic<string>(connection, null).Length;",
        "foreach (var s in Helpers.Iterate(title)) { connection.Execute(s); } Helpers.Purge(connection); return Helpers.Exec(connection, );",
        "int Local(string s) => Local(s + \"x\") + connection.Execute(s); return Local(\"DELETE FROM tasks\") + Helpers.Exec(connection, Helpers.Where(Helpers.Where(\"1\")));",
    };

    [Fact]
    public async Task Truncated_sources_never_throw()
    {
        var random = new Random(4204);
        var sources = new List<string>();
        foreach (var body in Bodies.Concat(Broken.TakeLast(4)))
        {
            var full = TestSources.Method(body) + Helpers;
            for (var i = 0; i < 60; i++)
            {
                sources.Add(full.Substring(0, random.Next(full.Length)));
            }
        }

        await AssertNoAnalyzerExceptionsAsync(sources);
    }

    [Fact]
    public async Task Erroneous_calls_never_throw()
    {
        await AssertNoAnalyzerExceptionsAsync(Broken.Select(body => TestSources.Method(body) + Helpers).ToList());
    }

    private static async Task AssertNoAnalyzerExceptionsAsync(List<string> sources)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new OrgScopeAnalyzer(), new ExemptionMarkerAnalyzer(), new ExemptionSuppressor());
        var swallowed = new List<Exception>();
        OrgScopeAnalyzer.InternalErrorObserver = ex => { lock (swallowed) { swallowed.Add(ex); } };
        foreach (var source in sources)
        {
            var exceptions = new List<Exception>();
            var compilation = CSharpCompilation.Create(
                "Broken",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview)) },
                TestReferences.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (ex, _, _) => exceptions.Add(ex),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: true);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
            Assert.Empty(exceptions);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }

        // Failures the analyzer caught itself count too: "not checked" must never be the normal path.
        lock (swallowed)
        {
            Assert.Empty(swallowed);
        }
    }
}
