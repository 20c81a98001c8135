using System.Text.Json;
using OrgScope.EndToEnd.Tests.Infrastructure;

namespace OrgScope.EndToEnd.Tests;

/// <summary>
/// Issue 12.2: reviewed exceptions stay visible to an auditor. A fresh project with the packed package is built with
/// the compiler's own SARIF 2.1 log; every exempt finding is in it as a suppressed result whose suppression names
/// its reason, with the reason, source and marker as properties and the marker as the related location. A marker
/// without a reason exempts nothing (ORG006), and a leak stays a plain warning.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExemptionAuditLogTests(LocalFeed feed)
{
    private const string Project = "Shop/Shop.csproj";
    private const string File = "Shop/Reports.cs";

    private const string Reports = """
        using MySqlConnector;
        using OrgScope;

        namespace Shop;

        public sealed class Reports(MySqlConnection connection)
        {
            public object CountEverything()
            {
                // orgscope: cross-org operators' dashboard counts all organizations
                using var all = new MySqlCommand("SELECT COUNT(*) FROM tasks", connection);
                // xtenant: support console looks users up by id across tenants
                using var user = new MySqlCommand("SELECT id FROM users WHERE id = @id", connection);
                using var purge = new MySqlCommand("DELETE FROM tasks WHERE id = @id -- orgscope: cross-org GDPR erasure of one account", connection);
                //orgscope: cross-org
                using var unexplained = new MySqlCommand("SELECT * FROM users", connection);
                using var leak = new MySqlCommand("SELECT title FROM tasks WHERE id = @id", connection);
                return (all, user, purge, unexplained, leak);
            }

            [AllowCrossOrg("nightly archive job")]
            public object Archive() => new MySqlCommand("UPDATE tasks SET archived = 1 WHERE due < NOW()", connection);
        }
        """;

    [Fact]
    public void The_sarif_log_keeps_each_exempt_finding_as_suppressed_with_its_reason()
    {
        var consumer = Consumer.Create(feed, "audit");
        consumer.Write(Project, ConsumerSources.Project(feed));
        consumer.Write("Shop/.editorconfig", """
            root = true

            [*.cs]
            orgscope.cross_org_markers = xtenant:
            """);
        consumer.Write("Shop/Program.cs", ConsumerSources.Program);
        consumer.Write("Shop/Entities.cs", ConsumerSources.Entities);
        consumer.Write(File, Reports);

        var log = consumer.PathOf("audit.sarif");
        var build = consumer.Run("build", consumer.PathOf(Project), "-nologo", "-v:m", "-nodeReuse:false", "-p:UseSharedCompilation=false",
            "-p:ErrorLog=" + log + "%2Cversion=2.1");
        Assert.True(build.ExitCode == 0, build.ToString());

        // The console shows what is left to do: the leak, the marker without a reason and the finding it failed to exempt.
        var leak = consumer.Position(File, "tasks", onLineWith: "title FROM tasks");
        var unexplained = consumer.Position(File, "users", onLineWith: "SELECT * FROM users");
        var emptyMarker = consumer.Position(File, "//orgscope: cross-org");
        Assert.Equal(
            new[]
            {
                new BuildDiagnostic("ORG001", "warning", "Reports.cs", unexplained.Line, unexplained.Column),
                new BuildDiagnostic("ORG001", "warning", "Reports.cs", leak.Line, leak.Column),
                new BuildDiagnostic("ORG006", "warning", "Reports.cs", emptyMarker.Line, emptyMarker.Column),
            }.OrderBy(d => d.Line),
            Consumer.Diagnostics(build).OrderBy(d => d.Line));

        var results = Results(log);
        var exempt = results.Where(r => r.Suppressed).OrderBy(r => r.Line).ToList();
        Assert.Equal(
            [
                Expected("ORG001", "tasks", "COUNT(*) FROM tasks", "operators' dashboard counts all organizations", "comment", "orgscope: cross-org", "// orgscope: cross-org operators'"),
                Expected("ORG001", "users", "SELECT id FROM users", "support console looks users up by id across tenants", "comment", "xtenant:", "// xtenant:"),
                Expected("ORG001", "tasks", "DELETE FROM tasks", "GDPR erasure of one account", "sql-comment", "orgscope: cross-org", "-- orgscope: cross-org GDPR"),
                Expected("ORG001", "tasks", "UPDATE tasks", "nightly archive job", "attribute", "[AllowCrossOrg]", "AllowCrossOrg(\"nightly"),
            ],
            exempt);
        Assert.All(exempt, r => Assert.Equal(
            $"DiagnosticSuppressor {{ Suppression Id: ORGX001, Suppression Justification: {r.Reason} }}", r.SuppressionType));
        Assert.Equal(3, results.Count(r => !r.Suppressed));

        LoggedResult Expected(string rule, string table, string line, string reason, string source, string marker, string markerText)
        {
            var at = consumer.Position(File, table, onLineWith: line);
            var markerAt = consumer.Position(File, markerText);
            return new LoggedResult(rule, at.Line, at.Column, true, reason, source, marker, markerAt.Line, markerAt.Column, null);
        }
    }

    /// <summary>A SARIF result as the audit reads it (SuppressionType is left out of equality: it is checked on its own).</summary>
    private sealed record LoggedResult(
        string Rule, int Line, int Column, bool Suppressed, string? Reason, string? Source, string? Marker, int? MarkerLine, int? MarkerColumn, string? SuppressionType)
    {
        public bool Equals(LoggedResult? other) => other is not null
            && (Rule, Line, Column, Suppressed, Reason, Source, Marker, MarkerLine, MarkerColumn) == (other.Rule, other.Line, other.Column, other.Suppressed, other.Reason, other.Source, other.Marker, other.MarkerLine, other.MarkerColumn);

        public override int GetHashCode() => HashCode.Combine(Rule, Line, Column);
    }

    private static List<LoggedResult> Results(string sarifPath)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(sarifPath));
        var run = document.RootElement.GetProperty("runs")[0];
        Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());
        var results = new List<LoggedResult>();
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            var rule = result.GetProperty("ruleId").GetString()!;
            if (!rule.StartsWith("ORG", StringComparison.Ordinal))
            {
                continue;
            }

            var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
            var suppressed = result.TryGetProperty("suppressions", out var suppressions) && suppressions.GetArrayLength() > 0;
            string? suppressionType = null;
            if (suppressed)
            {
                Assert.Equal("inSource", suppressions[0].GetProperty("kind").GetString());
                suppressionType = suppressions[0].GetProperty("properties").GetProperty("suppressionType").GetString();
            }

            string? Custom(string key) =>
                result.TryGetProperty("properties", out var properties) && properties.TryGetProperty("customProperties", out var custom)
                && custom.TryGetProperty(key, out var value) ? value.GetString() : null;

            int? markerLine = null;
            int? markerColumn = null;
            if (result.TryGetProperty("relatedLocations", out var related))
            {
                var markerRegion = related[0].GetProperty("physicalLocation").GetProperty("region");
                markerLine = markerRegion.GetProperty("startLine").GetInt32();
                markerColumn = markerRegion.GetProperty("startColumn").GetInt32();
            }

            results.Add(new LoggedResult(rule, region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(), suppressed,
                Custom("OrgScope.ExemptionReason"), Custom("OrgScope.ExemptionSource"), Custom("OrgScope.ExemptionMarker"), markerLine, markerColumn, suppressionType));
        }

        return results;
    }
}
