using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.ExemptionVerifier;

namespace OrgScope.Analyzers.Tests.Exemptions;

/// <summary>
/// C# comment markers: a marker belongs to the statement it sits directly above (no blank line), at the end of, or
/// inside; the finding is still reported, suppressed, with the marker as its additional location (#1).
/// </summary>
public class CommentMarkerTests
{
    [Fact]
    public async Task Marker_directly_above_the_call_exempts_it()
    {
        await VerifyAsync(TestSources.Method("""
                    {|#1:// orgscope: cross-org nightly job counts every organization's tasks|}
                    return connection.Query<int>("SELECT COUNT(*) FROM {|#0:tasks|}");
            """), Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Marker_above_a_multi_line_call_exempts_the_whole_statement()
    {
        await VerifyAsync(TestSources.Method("""
                    {|#1:// orgscope: cross-org super-admin search across organizations|}
                    var rows = connection.Query<int>(
                        "SELECT t.id FROM {|#0:tasks|} t " +
                        "JOIN {|#2:users|} u ON u.id = t.assigned_to WHERE u.id = @id",
                        new { id });
                    return rows;
            """),
            Exempt("ORG001").WithLocation(0).WithLocation(1),
            Exempt("ORG001").WithLocation(2).WithLocation(1));
    }

    [Fact]
    public async Task Marker_above_the_sql_argument_inside_the_call_exempts_it()
    {
        await VerifyAsync(TestSources.Method("""
                    return connection.Query<int>(
                        {|#1:// orgscope: cross-org billing export reads every organization|}
                        "SELECT id FROM {|#0:rewards|}");
            """), Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Marker_at_the_end_of_the_statement_exempts_it()
    {
        await VerifyAsync(TestSources.Method("""
                    connection.Execute("DELETE FROM {|#0:tasks|} WHERE id = @id", new { id }); {|#1:// orgscope: cross-org purge of a deleted account|}
                    return 0;
            """), Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Other_comment_lines_between_marker_and_statement_keep_it_attached()
    {
        await VerifyAsync(TestSources.Method("""
                    {|#1:/* orgscope: cross-org reviewed 2026-10 by security:
                       the retention job deletes across organizations */|}
                    // keep in sync with RetentionPolicy
                    return connection.Execute("DELETE FROM {|#0:rewards|} WHERE id < @id", new { id });
            """), Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Marker_above_the_local_declaration_whose_value_reaches_the_sink_exempts_it()
    {
        await VerifyAsync(TestSources.Method("""
                    {|#1:// orgscope: cross-org statistics for the operators' dashboard|}
                    var sql = "SELECT COUNT(*) FROM {|#0:tasks|}";
                    var count = 0;
                    return connection.ExecuteScalar<int>(sql) + count;
            """), Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Marker_above_a_const_field_exempts_the_calls_that_use_it()
    {
        var source = """
            using Dapper;
            using MySqlConnector;

            public class Repository
            {
                {|#1:// orgscope: cross-org the scheduler picks due tasks of every organization|}
                private const string DueTasks = "SELECT id FROM tasks WHERE due < NOW()";

                public object Run(MySqlConnection connection) => connection.Query<long>({|#0:DueTasks|});
            }
            """ + TestSources.Entities;
        await VerifyAsync(source, Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Theory]
    [InlineData("{|#1:// orgscope: cross-org the scheduler reads every organization|}\n    [System.Obsolete(\"use the queue\")]")]
    [InlineData("[System.Obsolete(\"use the queue\")]\n    {|#1:// orgscope: cross-org the scheduler reads every organization|}")]
    public async Task Attributes_between_marker_and_declaration_keep_it_attached(string lines)
    {
        var source = """
            using Dapper;
            using MySqlConnector;

            public class Repository
            {
                LINES
                private static readonly string DueTasks = "SELECT id FROM tasks WHERE due < NOW()";

                public object Run(MySqlConnection connection) => connection.Query<long>({|#0:DueTasks|});
            }
            """.Replace("LINES", lines, StringComparison.Ordinal) + TestSources.Entities;
        await VerifyAsync(source, Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Marker_exempts_insert_and_bypassable_filter_findings()
    {
        await VerifyAsync(TestSources.Method("""
                    {|#2:// orgscope: cross-org seeds the shared demo organization|}
                    connection.Execute("INSERT INTO {|#0:tasks|} (title) VALUES (@title)", new { title });
                    {|#3:// orgscope: cross-org the demo organization is id 1 everywhere|}
                    return connection.Query<int>("SELECT id FROM {|#1:tasks|} t WHERE t.organization_id = 1");
            """),
            Exempt("ORG002").WithLocation(0).WithLocation(2),
            Exempt("ORG003").WithLocation(1).WithLocation(3));
    }

    [Fact]
    public async Task Team_marker_from_editorconfig_counts_as_cross_org()
    {
        await VerifyAsync(
            TestSources.Method("""
                        {|#1:// xtenant: support tool, read-only|}
                        return connection.Query<int>("SELECT id FROM {|#0:users|} WHERE id = @id", new { id });
                """),
            "orgscope.cross_org_markers = xtenant:, cross-tenant:",
            Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Team_marker_without_the_setting_is_an_ordinary_comment()
    {
        await VerifyAsync(TestSources.Method("""
                    // xtenant: support tool, read-only
                    return connection.Query<int>("SELECT id FROM {|#0:users|} WHERE id = @id", new { id });
            """), Reported("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Schema_probe_marker_exempts_ORG004_only_and_cross_org_does_not()
    {
        await VerifyAsync(TestSources.Method("""
                    {|#1:// orgscope: schema-probe the health check reports the migration state|}
                    var migrated = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM {|#0:INFORMATION_SCHEMA.COLUMNS|} WHERE TABLE_NAME = 'tasks'");
                    // orgscope: cross-org not the right marker for a probe
                    return connection.ExecuteScalar<int>("{|#2:SHOW COLUMNS|} FROM tasks") + migrated;
            """),
            Exempt("ORG004").WithLocation(0).WithLocation(1),
            Reported("ORG004").WithLocation(2));
    }

    [Fact]
    public async Task Schema_probe_marker_does_not_exempt_a_missing_filter()
    {
        await VerifyAsync(TestSources.Method("""
                    // orgscope: schema-probe wrong marker
                    return connection.Query<int>("SELECT id FROM {|#0:tasks|}");
            """), Reported("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task A_blank_line_detaches_the_marker()
    {
        await VerifyAsync(TestSources.Method("""
                    // orgscope: cross-org this comment heads a section, not a statement

                    return connection.Query<int>("SELECT id FROM {|#0:tasks|}");
            """), Reported("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task A_marker_covers_one_statement_not_the_next()
    {
        await VerifyAsync(TestSources.Method("""
                    {|#2:// orgscope: cross-org first statement only|}
                    connection.Execute("DELETE FROM {|#0:tasks|} WHERE id = @id", new { id });
                    return connection.Query<int>("SELECT id FROM {|#1:rewards|}");
            """),
            Exempt("ORG001").WithLocation(0).WithLocation(2),
            Reported("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task A_marker_above_a_block_statement_does_not_reach_into_its_body()
    {
        await VerifyAsync(TestSources.Method("""
                    // orgscope: cross-org the condition is reviewed, the body is not
                    if (flag)
                    {
                        return connection.Query<int>("SELECT id FROM {|#0:tasks|}");
                    }

                    return 0;
            """), Reported("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task A_marker_above_a_block_bodied_method_exempts_nothing()
    {
        await VerifyAsync(TestSources.Method(
            """        return connection.Query<int>("SELECT id FROM {|#0:tasks|}");""",
            """    // orgscope: cross-org use [AllowCrossOrg("...")] for a whole method"""),
            Reported("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task A_marker_inside_a_lambda_body_belongs_to_its_own_statement()
    {
        await VerifyAsync(TestSources.Method("""
                    System.Func<int> count = () =>
                    {
                        {|#2:// orgscope: cross-org only the inner statement|}
                        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM {|#0:rewards|}");
                    };
                    return connection.Query<int>("SELECT id FROM {|#1:tasks|}");
            """),
            Exempt("ORG001").WithLocation(0).WithLocation(2),
            Reported("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task Prose_that_mentions_the_marker_is_not_a_marker()
    {
        await VerifyAsync(TestSources.Method("""
                    // TODO: review, then add orgscope: cross-org with a reason
                    return connection.Query<int>("SELECT id FROM {|#0:tasks|}");
            """), Reported("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task A_marker_without_a_reason_exempts_nothing_and_is_ORG006()
    {
        await VerifyAsync(TestSources.Method("""
                    {|#1:// orgscope: cross-org|}
                    return connection.Query<int>("SELECT id FROM {|#0:tasks|}");
            """),
            Reported("ORG001").WithLocation(0),
            Reported("ORG006").WithLocation(1));
    }
}
