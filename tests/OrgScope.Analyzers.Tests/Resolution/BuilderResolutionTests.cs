using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Resolution;

/// <summary>A StringBuilder reused for several statements in one method, and string.ToString().</summary>
public class BuilderResolutionTests
{
    [Fact]
    public async Task A_builder_started_again_holds_only_what_follows()
    {
        await VerifyAsync(
            TestSources.Method("""
                var sb = new StringBuilder();
                sb.Append("DELETE FROM tasks WHERE id = @id AND organization_id = @org");
                connection.Execute(sb.ToString(), new { id, org });
                sb = new StringBuilder();
                sb.Append("DELETE FROM {|#0:rewards|} WHERE id = @id");
                connection.Execute(sb.ToString(), new { id });
                sb.Clear();
                sb.Append("DELETE FROM users WHERE id = @id AND organization_id = @org");
                connection.Execute(sb.ToString(), new { id, org });
                sb.Length = 0;
                sb.Append("SELECT * FROM {|#1:users|}");
                return connection.Query<int>(sb.ToString());
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0),
            Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task A_builder_started_again_on_one_path_only_is_not_guessed()
    {
        await VerifyAsync(
            TestSources.Method("""
                var sb = new StringBuilder("SELECT * FROM tasks WHERE organization_id = @org");
                if (flag)
                {
                    sb.Clear();
                }

                return connection.Query<int>({|#0:sb.ToString()|}, new { org });
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG005").WithLocation(0));
    }

    [Fact]
    public async Task String_to_string_is_the_string()
    {
        await VerifyAsync(
            TestSources.Method("""
                const string sql = "DELETE FROM {|#0:tasks|} WHERE id = @id";
                return connection.Execute(sql.ToString(), new { id });
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }
}
