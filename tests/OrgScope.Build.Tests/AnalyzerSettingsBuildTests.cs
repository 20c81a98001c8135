using System.Text.Json;
using System.Text.RegularExpressions;
using OrgScope.Build.Tests.Infrastructure;

namespace OrgScope.Build.Tests;

/// <summary>
/// The package's analyzer wiring in a real `dotnet build` of an in-repo project: the orgscope.tables file beside the
/// project is read without a project edit, and -p:OrgScopeAudit=true writes a SARIF log holding an ORG007 record per site.
/// </summary>
[Collection(SharedProjectsCollection.Name)]
public sealed partial class AnalyzerSettingsBuildTests
{
    private const string Repository = """
        using System.Data.Common;

        namespace Probe;

        public static class Ledger
        {
            public static void Read(DbCommand command)
            {
                command.CommandText = "SELECT * FROM ledger WHERE id = @id";
                command.CommandText = "SELECT * FROM ledger WHERE ClientId = @client";
            }
        }
        """;

    [Fact]
    public void The_table_list_beside_the_project_is_read_and_an_audit_build_logs_every_site()
    {
        // Warnings stay warnings: the findings are what the test reads.
        using var probe = ProbeProject.InRepo("<TreatWarningsAsErrors>false</TreatWarningsAsErrors>");
        probe.Write("orgscope.tables", "# orgscope scan: app, column ClientId\nledger(id):ClientId\n");
        probe.Write("Ledger.cs", Repository);

        // 1. A normal build: the listed table is checked, with the listed column; no audit log.
        var build = probe.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("Ledger.cs(9,46): warning ORG001: 'ledger' is read or changed without an organization filter: pin 'ledger.ClientId'", build.Output);
        Assert.DoesNotContain("OrgScope audit log", build.Output);

        // 2. The audit build: a SARIF log with one ORG007 record per site, the finding beside it.
        var audit = probe.Build("OrgScopeAudit=true");
        Assert.True(audit.ExitCode == 0, audit.ToString());
        var log = AuditLog().Match(audit.Output);
        Assert.True(log.Success, audit.Output);
        using var sarif = JsonDocument.Parse(File.ReadAllText(log.Groups[1].Value));
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => (Rule: r.GetProperty("ruleId").GetString(), Line: r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()))
            .Where(r => r.Rule!.StartsWith("ORG", StringComparison.Ordinal))
            .OrderBy(r => r.Line).ThenBy(r => r.Rule)
            .ToList();
        Assert.Equal([("ORG001", 9), ("ORG007", 9), ("ORG007", 10)], results);
    }

    [GeneratedRegex(@"OrgScope audit log (\S+\.sarif)")]
    private static partial Regex AuditLog();
}
