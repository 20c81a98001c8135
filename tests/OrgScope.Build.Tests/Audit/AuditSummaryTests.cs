using OrgScope.Audit;
using OrgScope.Audit.Rendering;
using OrgScope.Build.Tests.Infrastructure;

namespace OrgScope.Build.Tests.Audit;

/// <summary>
/// End to end: a project with every kind of SQL site is built with -p:OrgScopeAudit=true, and the summary of the SARIF
/// log the compiler wrote counts each kind and lists each exemption and unchecked site where it is.
/// </summary>
[Collection(SharedProjectsCollection.Name)]
public sealed class AuditSummaryTests
{
    private const string Sites = """
        using System.Data.Common;

        namespace Probe;

        public static class Sites
        {
            public static void Run(DbCommand command, System.Func<string> load)
            {
                command.CommandText = "SELECT * FROM tasks WHERE ClientId = @client";
                command.CommandText = "SELECT * FROM settings WHERE ClientId IN (0, @client)";
                command.CommandText = "SELECT t.*, u.name FROM tasks t LEFT JOIN users u ON u.id = t.assigned_to WHERE t.ClientId = @client";
                command.CommandText = "SELECT * FROM countries";
                command.CommandText = "SELECT * FROM users WHERE id = @id";
        #pragma warning disable ORG001
                command.CommandText = "DELETE FROM tasks WHERE id = @id";
        #pragma warning restore ORG001
                command.CommandText = load();
                command.CommandText = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'tasks'";
                // orgscope: cross-org nightly purge of users who never logged in
                command.CommandText = "DELETE FROM users WHERE last_login IS NULL";
            }

            [OrgScope.AllowCrossOrg("super-admin report across organizations")]
            public static void Report(DbCommand command) => command.CommandText = "SELECT * FROM tasks";
        }
        """;

    [Fact]
    public void An_audit_build_is_summarised_site_by_site()
    {
        // Warnings stay warnings: the findings are what the test reads.
        using var probe = ProbeProject.InRepo("<TreatWarningsAsErrors>false</TreatWarningsAsErrors>");
        probe.Write("orgscope.tables", "tasks(id)\nusers(id)\nsettings\n");
        probe.Write(".editorconfig", """
            [*.cs]
            orgscope.organization_column = ClientId
            orgscope.shared_organization_ids = 0
            orgscope.trust_lookup_joins = true
            """);
        probe.Write("Sites.cs", Sites);
        var sarif = Path.Combine(probe.Directory, "audit.sarif");

        var build = probe.Build("OrgScopeAudit=true", $"ErrorLog={sarif}%2Cversion=2.1");
        Assert.True(build.ExitCode == 0, build.ToString());

        var report = AuditBuilder.FromLogs([sarif]);
        var s = AuditSummary.Of(report);
        Assert.True(report.HasAuditRecords);
        Assert.Equal(
            (10, 9, 7, 3, 1, 1, 3, 1, 2, 1, 1),
            (s.Found, s.Checked, s.OnScopedTables, s.Pinned, s.PinnedSharedIds, s.PinnedLookupJoin, s.Exempted, s.Open, s.NoScopedTable, s.NotChecked, s.SchemaProbesOpen));
        Assert.Equal(9, s.Statements);
        Assert.False(s.Verified);
        Assert.Equal(["2 open finding(s)", "1 site(s) not checked", "1 exemption(s) without a reason"], s.Gaps);

        var file = Path.Combine(probe.Directory, "Sites.cs");
        var line = 9;
        Assert.Equal(
            [
                (line, SiteOutcome.Pinned, ""), (line + 1, SiteOutcome.Pinned, "shared-ids"), (line + 2, SiteOutcome.Pinned, "lookup-join"),
                (line + 3, SiteOutcome.NoScopedTable, ""), (line + 4, SiteOutcome.Open, ""), (line + 6, SiteOutcome.Exempted, ""),
                (line + 8, SiteOutcome.NotChecked, ""), (line + 9, SiteOutcome.NoScopedTable, ""), (line + 11, SiteOutcome.Exempted, ""),
                (line + 15, SiteOutcome.Exempted, ""),
            ],
            report.Sites.Select(x => (x.Location.StartLine, x.Outcome, x.Trust)));
        Assert.All(report.Sites, x => Assert.Equal(file, x.Location.File));

        // Exempted: a #pragma (no reason), a marker comment and [AllowCrossOrg], each where it is and why.
        Assert.Collection(
            report.ExemptedFindings.OrderBy(f => f.Location!.StartLine),
            pragma =>
            {
                Assert.Equal(("ORG001", line + 6, 44), (pragma.RuleId, pragma.Location!.StartLine, pragma.Location.StartColumn));
                Assert.True(pragma.ExemptedWithoutReason);
            },
            marker =>
            {
                Assert.Equal(("ORG001", line + 11), (marker.RuleId, marker.Location!.StartLine));
                Assert.Equal(("nightly purge of users who never logged in", "comment", "orgscope: cross-org"), (marker.Reason, marker.ExemptionSource, marker.Marker));
                Assert.Equal(line + 10, marker.MarkerLocation!.StartLine);
            },
            attribute =>
            {
                Assert.Equal(("ORG001", line + 15), (attribute.RuleId, attribute.Location!.StartLine));
                Assert.Equal(("super-admin report across organizations", "attribute"), (attribute.Reason, attribute.ExemptionSource));
                Assert.Equal(line + 14, attribute.MarkerLocation!.StartLine);
            });
        Assert.Equal(["ORG001:13", "ORG004:18"], report.OpenFindings.Select(f => f.RuleId + ":" + f.Location!.StartLine));

        var text = AuditRenderer.Render(report, AuditFormat.Text, probe.Directory).ReplaceLineEndings("\n");
        Has("SQL sites found                       10   (9 statements checked)", text);
        Has("      pinned                           3   (1 admit shared organization ids, 1 through trusted lookup joins)", text);
        Has("Verdict: NOT verified: 2 open finding(s); 1 site(s) not checked; 1 exemption(s) without a reason.", text);
        Has("Exempted (3)\n  Sites.cs(15,44) ORG001 'tasks' is read or changed without an organization filter: pin 'tasks.ClientId' in the WHERE or the JOIN's ON\n      suppressed WITHOUT a reason (Pragma Directive)", text);
        Has("      reason: nightly purge of users who never logged in (orgscope: cross-org at Sites.cs(19,9))", text);
        Has("      reason: super-admin report across organizations ([AllowCrossOrg] at Sites.cs(23,6))", text);
        Has("Not checked (1)\n  Sites.cs(17,31) The SQL passed to 'DbCommand.CommandText' could not be resolved to text, so it was not checked for an organization filter", text);

        var markdown = AuditRenderer.Render(report, AuditFormat.Markdown, probe.Directory);
        Has("| pinned (1 admit shared organization ids, 1 through trusted lookup joins) | 3 |", markdown);
        Has("## Pinned on trust (2)", markdown);

        var json = System.Text.Json.JsonDocument.Parse(AuditRenderer.Render(report, AuditFormat.Json, probe.Directory)).RootElement;
        Assert.Equal(10, json.GetProperty("summary").GetProperty("found").GetInt32());
        Assert.False(json.GetProperty("summary").GetProperty("verified").GetBoolean());
        Assert.Equal("notChecked", json.GetProperty("sites")[6].GetProperty("outcome").GetString());
    }

    private static void Has(string expected, string text) => Assert.True(text.Contains(expected, StringComparison.Ordinal), $"Not found:\n{expected}\nin:\n{text}");
}
