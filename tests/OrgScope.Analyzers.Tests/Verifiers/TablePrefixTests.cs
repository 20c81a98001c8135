using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Verifiers;

/// <summary>
/// orgscope.table_prefixes: table names built from a configured prefix (BlogEngine.NET's <c>{0}Posts</c> with the
/// prefix from web.config; WordPress-style <c>wp_</c> schemas).
/// </summary>
public class TablePrefixTests
{
    private const string Provider = """
        using Dapper;
        using MySqlConnector;

        public class DbBlogProvider
        {
            private readonly string tablePrefix;
            private readonly string parmPrefix;

            public DbBlogProvider(string tablePrefix, string parmPrefix)
            {
                this.tablePrefix = tablePrefix;
                this.parmPrefix = parmPrefix;
            }

            public object Run(MySqlConnection connection, int id)
            {
                connection.Query<int>(string.Format("SELECT PostID FROM {0}Posts WHERE BlogID = {1}blogid", tablePrefix, parmPrefix));
                return connection.Query<int>({|#0:string.Format("SELECT PostID FROM {0}Posts WHERE PostID = {1}id", tablePrefix, parmPrefix)|});
            }
        }
        """;

    [Fact]
    public async Task A_configured_prefix_names_the_table()
    {
        await VerifyAsync(
            Provider,
            "orgscope.table_prefixes = be_\norgscope.scoped_tables = be_Posts:BlogID\n",
            enableOrg005: true,
            DiagnosticWithMessage("ORG001").WithLocation(0).WithArguments("be_Posts", "be_Posts", "BlogID"));
    }

    [Fact]
    public async Task Without_the_setting_the_table_is_not_known_and_said_so()
    {
        var source = """
            using Dapper;
            using MySqlConnector;

            public class DbBlogProvider
            {
                private readonly string tablePrefix;

                public DbBlogProvider(string tablePrefix) => this.tablePrefix = tablePrefix;

                public object Run(MySqlConnection connection) =>
                    connection.Query<int>({|#0:string.Format("SELECT PostID FROM {0}Posts WHERE BlogID = @blogid", tablePrefix)|});
            }
            """;
        await VerifyAsync(
            source,
            "orgscope.scoped_tables = be_Posts:BlogID\n",
            enableOrg005: true,
            DiagnosticWithMessage("ORG005").WithLocation(0).WithArguments("Query", "names a table that could not be resolved to text"));
    }

    [Fact]
    public async Task A_configured_prefix_names_a_table_quoted_in_backticks()
    {
        // "FROM `{0}Posts`": the backticks quote the same prefixed name.
        await VerifyAsync(
            Provider.Replace("FROM {0}Posts", "FROM `{0}Posts`"),
            "orgscope.table_prefixes = be_\norgscope.scoped_tables = be_Posts:BlogID\n",
            enableOrg005: true,
            DiagnosticWithMessage("ORG001").WithLocation(0).WithArguments("be_Posts", "be_Posts", "BlogID"));
    }
}
