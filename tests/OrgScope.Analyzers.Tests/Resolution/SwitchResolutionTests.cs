using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Resolution;

/// <summary>SQL picked by a switch (expression or statement) or by if/else writes: each branch is an alternative.</summary>
public class SwitchResolutionTests
{
    [Fact]
    public async Task Switch_expression_checks_each_arm()
    {
        await VerifyAsync(
            TestSources.Method("""
                var sql = id switch
                {
                    1 => "SELECT * FROM tasks WHERE organization_id = @org",
                    2 => "SELECT * FROM {|#0:rewards|} WHERE id = @id",
                    _ => throw new System.ArgumentOutOfRangeException(nameof(id)),
                };
                return connection.Query<int>(sql, new { org, id });
                """),
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Switch_expression_directly_at_the_sink_and_inside_a_concatenation()
    {
        await VerifyAsync(
            TestSources.Method("""
                connection.Execute(flag switch { true => "DELETE FROM {|#0:tasks|} WHERE id = @id", false => "DELETE FROM tasks WHERE id = @id AND organization_id = @org" }, new { id, org });
                return connection.Query<int>("SELECT * FROM {|#1:users|} u ORDER BY " + (id switch { 1 => "u.name", _ => "u.id" }));
                """),
            Diagnostic("ORG001").WithLocation(0),
            Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task Switch_expression_whose_arms_are_all_pinned_is_clean_and_checked()
    {
        await VerifyAsync(
            TestSources.Method("""
                var table = id switch { 1 => "tasks", _ => "rewards" };
                return connection.Query<int>("SELECT * FROM " + table + " WHERE organization_id = @org", new { org });
                """),
            null,
            enableOrg005: true);
    }

    [Fact]
    public async Task Switch_statement_assigning_a_local()
    {
        await VerifyAsync(
            TestSources.Method("""
                string sql;
                switch (id)
                {
                    case 1:
                        sql = "SELECT * FROM tasks WHERE organization_id = @org";
                        break;
                    case 2:
                        sql = "SELECT * FROM {|#0:users|}";
                        break;
                    default:
                        throw new System.ArgumentOutOfRangeException(nameof(id));
                }

                return connection.Query<int>(sql, new { org });
                """),
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task If_else_assigning_a_local_declared_without_a_value_or_null()
    {
        await VerifyAsync(
            TestSources.Method("""
                string first;
                if (flag)
                {
                    first = "SELECT * FROM tasks WHERE organization_id = @org";
                }
                else
                {
                    first = "SELECT * FROM {|#0:tasks|}";
                }

                string second = null;
                if (flag)
                {
                    second = "DELETE FROM {|#1:rewards|}";
                }

                connection.Execute(second);
                return connection.Query<int>(first, new { org });
                """),
            Diagnostic("ORG001").WithLocation(0),
            Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task Interpolation_hole_holding_resolvable_sql_text_is_text()
    {
        // The table names come from the local's literals in this method: the squiggles go there.
        await VerifyAsync(
            TestSources.Method("""
                var pinned = "organization_id = @org";
                var table = flag ? "{|#0:tasks|}" : "{|#1:rewards|}";
                connection.Query<int>($"SELECT * FROM {table} WHERE {pinned}", new { org });
                var unpinned = "id = @id";
                return connection.Query<int>($"SELECT * FROM {table} WHERE {unpinned}", new { id });
                """),
            Diagnostic("ORG001").WithLocation(0),
            Diagnostic("ORG001").WithLocation(1));
    }
}
