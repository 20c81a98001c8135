using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Resolution;

/// <summary>A foreach over a list of names written in the code: each element is an alternative (AgendaSaaS's tenant purge).</summary>
public class LoopResolutionTests
{
    [Fact]
    public async Task Each_element_of_a_literal_array_is_checked()
    {
        await VerifyAsync(
            TestSources.Method("""
                var tables = new[] { "{|#0:tasks|}", "{|#1:users|}" };
                foreach (var table in tables)
                {
                    connection.Execute($"DELETE FROM {table} WHERE id = @id", new { id });
                }

                foreach (var table in new[] { "rewards", "achievements" })
                {
                    connection.Execute($"DELETE FROM {table} WHERE organization_id = @org", new { org });
                }

                return 0;
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0),
            Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task A_readonly_field_array_is_followed_and_a_changed_array_is_not_guessed()
    {
        var source = TestSources.Method("""
            foreach (var table in Tables)
            {
                connection.Execute($"DELETE FROM {table} WHERE organization_id = @org", new { org });
            }

            var changed = new[] { "tasks" };
            changed[0] = title;
            foreach (var table in changed)
            {
                connection.Execute({|#0:$"DELETE FROM {table} WHERE organization_id = @org"|}, new { org });
            }

            return 0;
            """).Replace("public class Repository\n{", "public class Repository\n{\n    private static readonly string[] Tables = { \"tasks\", \"rewards\" };\n");
        await VerifyAsync(
            source,
            null,
            enableOrg005: true,
            DiagnosticWithMessage("ORG005").WithLocation(0).WithArguments("Execute", "names a table that could not be resolved to text"));
    }
}
