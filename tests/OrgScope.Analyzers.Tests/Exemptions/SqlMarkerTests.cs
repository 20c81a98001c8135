using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.ExemptionVerifier;

namespace OrgScope.Analyzers.Tests.Exemptions;

/// <summary>Markers inside the SQL: <c>-- ...</c>, <c># ...</c> or <c>/* ... */</c> covers the SQL statement it is in.</summary>
public class SqlMarkerTests
{
    [Fact]
    public async Task Line_comment_marker_in_the_sql_exempts_its_statement()
    {
        await VerifyAsync(TestSources.DapperQuery("""
            {|#1:-- orgscope: cross-org reconciliation reads every organization's rewards|}
            SELECT r.id FROM {|#0:rewards|} r WHERE r.id = @id
            """), Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Block_comment_marker_in_the_sql_exempts_its_statement()
    {
        await VerifyAsync(
            TestSources.DapperQuery("SELECT id FROM {|#0:tasks|} {|#1:/* orgscope: cross-org operator console */|} WHERE id = @id"),
            Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task A_sql_marker_covers_only_the_statement_it_is_in()
    {
        await VerifyAsync(
            TestSources.DapperQuery("DELETE FROM {|#0:tasks|} WHERE id = @id {|#1:/* orgscope: cross-org purge */|}; DELETE FROM {|#2:rewards|} WHERE id = @id"),
            Exempt("ORG001").WithLocation(0).WithLocation(1),
            Reported("ORG001").WithLocation(2));
    }

    [Fact]
    public async Task A_marker_after_the_last_semicolon_covers_the_statement_before_it()
    {
        await VerifyAsync(
            TestSources.DapperQuery("SELECT id FROM {|#2:users|} WHERE id = @id; DELETE FROM {|#0:tasks|} WHERE id = @id; {|#1:-- orgscope: cross-org purge job|}"),
            Exempt("ORG001").WithLocation(0).WithLocation(1),
            Reported("ORG001").WithLocation(2));
    }

    [Fact]
    public async Task A_hash_comment_marker_belongs_to_the_statement_on_its_line_and_a_marker_after_a_semicolon_to_the_next()
    {
        await VerifyAsync(
            TestSources.DapperQuery("DELETE FROM {|#0:tasks|} WHERE id = @id {|#1:# orgscope: cross-org purge|}\n; {|#3:-- orgscope: cross-org audit trail purge|}\nDELETE FROM {|#2:rewards|} WHERE id = @id"),
            Exempt("ORG001").WithLocation(0).WithLocation(1),
            Exempt("ORG001").WithLocation(2).WithLocation(3));
    }

    [Fact]
    public async Task A_team_marker_counts_inside_the_sql_too()
    {
        await VerifyAsync(
            TestSources.DapperQuery("SELECT id FROM {|#0:users|} {|#1:-- XTENANT: login lookup by e-mail|}\n WHERE id = @id"),
            "orgscope.cross_org_markers = xtenant:",
            Exempt("ORG001").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task A_marker_in_a_string_value_is_not_a_comment()
    {
        await VerifyAsync(
            TestSources.DapperQuery("SELECT id FROM {|#0:tasks|} WHERE title = '-- orgscope: cross-org not a comment'"),
            Reported("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Schema_probe_marker_in_the_sql_exempts_the_probe()
    {
        await VerifyAsync(
            TestSources.DapperQuery("{|#0:SHOW COLUMNS|} FROM tasks {|#1:-- orgscope: schema-probe the migration tool checks its own work|}"),
            Exempt("ORG004").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task A_sql_marker_without_a_reason_exempts_nothing_and_is_ORG006()
    {
        await VerifyAsync(
            TestSources.DapperQuery("SELECT id FROM {|#0:tasks|} {|#1:-- orgscope: cross-org|}\n WHERE id = @id"),
            Reported("ORG001").WithLocation(0),
            Reported("ORG006").WithLocation(1));
    }
}
