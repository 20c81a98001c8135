using OrgScope.Analyzers.Exemptions;
using OrgScope.Analyzers.Tests.Infrastructure;

namespace OrgScope.Analyzers.Tests.Verifiers;

/// <summary>
/// A finding whose literal is declared above the sink (a local, as AgendaSaaS writes every statement) names its site in
/// the property OrgScope.Site, so that `orgscope audit` attaches it (and its exemption) to the site it belongs to instead
/// of counting the site as "unpinned without a finding" and the finding as outside every site.
/// </summary>
public class SiteLinkTests
{
    private const string Tables = "orgscope.scoped_tables = DiasBloqueados:TenantId\n";

    [Fact]
    public async Task A_finding_in_a_local_above_the_sink_names_the_site()
    {
        var source = """
            using MySql.Data.MySqlClient;

            public static class Repo
            {
                public static int Delete(MySqlConnection conn, int id)
                {
                    var sql = "DELETE FROM DiasBloqueados WHERE Id = @Id";
                    using var cmd = new MySqlCommand(sql, conn);
                    return cmd.ExecuteNonQuery();
                }
            }
            """;
        var diagnostics = await DirectRun.DiagnosticsAsync(source, Tables, "ORG007");

        var finding = Assert.Single(diagnostics, d => d.Id == "ORG001");
        Assert.Equal((6, 31), Start(finding));
        Assert.Equal("8,42,8,45", finding.Properties["OrgScope.Site"]);
        var record = Assert.Single(diagnostics, d => d.Id == "ORG007");
        Assert.Equal((7, 41), Start(record));
    }

    [Fact]
    public async Task A_finding_inside_its_site_names_none()
    {
        var source = """
            using MySql.Data.MySqlClient;

            public static class Repo
            {
                public static int Delete(MySqlConnection conn, int id)
                {
                    using var cmd = new MySqlCommand("DELETE FROM DiasBloqueados WHERE Id = @Id", conn);
                    return cmd.ExecuteNonQuery();
                }
            }
            """;
        var finding = Assert.Single(await DirectRun.DiagnosticsAsync(source, Tables), d => d.Id == "ORG001");
        Assert.False(finding.Properties.ContainsKey("OrgScope.Site"));
    }

    [Fact]
    public async Task An_exempted_finding_in_a_local_names_the_site_beside_its_reason()
    {
        var source = """
            using MySql.Data.MySqlClient;

            public static class Jobs
            {
                public static int Expire(MySqlConnection conn)
                {
                    var sql = @"
                        -- orgscope: cross-org the expiry job releases stale bookings of every tenant
                        DELETE FROM DiasBloqueados WHERE Fecha < CURDATE()";
                    using var cmd = new MySqlCommand(sql, conn);
                    return cmd.ExecuteNonQuery();
                }
            }
            """;
        var finding = Assert.Single(await DirectRun.DiagnosticsAsync(source, Tables), d => d.Id == "ORG001");
        Assert.Equal("the expiry job releases stale bookings of every tenant", finding.Properties[Exemption.ReasonProperty]);
        Assert.Equal("10,42,10,45", finding.Properties["OrgScope.Site"]);
    }

    private static (int Line, int Column) Start(Microsoft.CodeAnalysis.Diagnostic diagnostic)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        return (start.Line, start.Character);
    }
}
