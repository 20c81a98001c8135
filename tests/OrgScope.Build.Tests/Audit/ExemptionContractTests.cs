using OrgScope.Audit;
using OrgScope.Audit.Rendering;
using OrgScope.Audit.Sarif;

namespace OrgScope.Build.Tests.Audit;

/// <summary>
/// The agreed SARIF shape of an exemption (docs/rules/ORG007.md, the board, 2026-11-30): Roslyn writes a suppressor's
/// justification nowhere a reader can use, so the OrgScope suppressor's reason travels in the result's customProperties
/// (OrgScope.ExemptionReason/Source/Marker) and the marker's place in relatedLocations. These logs are written the way the
/// compiler writes them; the end-to-end test builds a real one.
/// </summary>
public sealed class ExemptionContractTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orgscope-audit-").FullName;

    [Fact]
    public void A_marker_exemption_is_listed_with_its_reason_source_and_place()
    {
        var log = Write("""
            {"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"results":[
              {"ruleId":"ORG007","level":"note","message":{"text":"The SQL passed to 'Execute' was checked: 1 statement; users not pinned"},
               "locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///src/App/Jobs.cs"},"region":{"startLine":12,"startColumn":28,"endLine":12,"endColumn":70}}}],
               "properties":{"customProperties":{"OrgScope.ScopedTables":"1","OrgScope.Statements":"1","OrgScope.Tables":"users=unpinned","OrgScope.Trust":"","OrgScope.Unchecked":"0","OrgScope.Unpinned":"1"}}},
              {"ruleId":"ORG001","level":"warning","message":{"text":"'users' is read or changed without an organization filter: pin 'users.organization_id' in the WHERE or the JOIN's ON"},
               "suppressions":[{"kind":"inSource","properties":{"suppressionType":"DiagnosticSuppressor { Suppression Id: ORGX001, Suppression Justification: nightly purge across organizations }"}}],
               "locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///src/App/Jobs.cs"},"region":{"startLine":12,"startColumn":45,"endLine":12,"endColumn":50}}}],
               "relatedLocations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///src/App/Jobs.cs"},"region":{"startLine":11,"startColumn":9,"endLine":11,"endColumn":60}}}],
               "properties":{"customProperties":{"OrgScope.ExemptionReason":"nightly purge across organizations","OrgScope.ExemptionSource":"comment","OrgScope.ExemptionMarker":"orgscope: cross-org"}}},
              {"ruleId":"ORG005","level":"note","message":{"text":"The SQL passed to 'Query' could not be resolved to text, so it was not checked for an organization filter"},
               "suppressions":[{"kind":"inSource","properties":{"suppressionType":"DiagnosticSuppressor { Suppression Id: ORGX005, Suppression Justification: built from a reviewed template }"}}],
               "locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///src/App/Jobs.cs"},"region":{"startLine":20,"startColumn":31,"endLine":20,"endColumn":45}}}],
               "properties":{"customProperties":{"OrgScope.ExemptionReason":"built from a reviewed template","OrgScope.ExemptionSource":"attribute"}}},
              {"ruleId":"CS0168","level":"warning","message":{"text":"not ours"}}
            ]}]}
            """);

        var report = AuditBuilder.FromLogs([log]);

        Assert.Equal([SiteOutcome.Exempted, SiteOutcome.NotCheckedExempted], report.Sites.Select(s => s.Outcome));
        var exempted = Assert.Single(report.Sites[0].Findings);
        Assert.Equal(("nightly purge across organizations", "comment", "orgscope: cross-org"), (exempted.Reason, exempted.ExemptionSource, exempted.Marker));
        Assert.Equal(new SourceSpan("/src/App/Jobs.cs", 11, 9, 11, 60), exempted.MarkerLocation);
        Assert.False(exempted.ExemptedWithoutReason);
        Assert.True(report.Verified);

        var text = AuditRenderer.Render(report, AuditFormat.Text, "/src/App");
        Assert.Contains("      exempted                         1", text);
        Assert.Contains("  not checked (ORG005)                 1   (1 of them exempted)", text);
        Assert.Contains("      reason: nightly purge across organizations (orgscope: cross-org at Jobs.cs(11,9))", text);
        Assert.Contains("  Jobs.cs(20,31) The SQL passed to 'Query' could not be resolved to text, so it was not checked for an organization filter\n      reason: built from a reviewed template (attribute)", text.ReplaceLineEndings("\n"));
        Assert.Contains("Verdict: every SQL site on an org-scoped table was verified or exempted with a reason.", text);
    }

    [Fact]
    public void Unpinned_tables_without_any_finding_are_open_and_a_log_without_records_is_not_an_audit()
    {
        var log = Write("""
            {"version":"2.1.0","runs":[{"results":[
              {"ruleId":"ORG007","message":{"text":"The SQL passed to 'Query' was checked: 1 statement; users not pinned"},
               "locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///src/A.cs"},"region":{"startLine":3,"startColumn":5,"endLine":3,"endColumn":30}}}],
               "properties":{"customProperties":{"OrgScope.ScopedTables":"1","OrgScope.Statements":"1","OrgScope.Unpinned":"1","OrgScope.Tables":"users=unpinned"}}}
            ]}]}
            """);
        var report = AuditBuilder.FromLogs([log]);
        Assert.Equal(SiteOutcome.Open, Assert.Single(report.Sites).Outcome);
        Assert.Equal(["1 site(s) with an unpinned table but no finding (a rule switched off?)"], report.Gaps());

        var plain = Write("""{"version":"2.1.0","runs":[{"results":[]}]}""");
        var empty = AuditBuilder.FromLogs([plain]);
        Assert.False(empty.Verified);
        Assert.Equal(["no ORG007 audit records in the log (build with -p:OrgScopeAudit=true)"], empty.Gaps());
    }

    [Theory]
    [InlineData("missing.sarif", "does not exist: build with -p:OrgScopeAudit=true first")]
    [InlineData("broken.sarif", "is not a JSON file")]
    [InlineData("other.sarif", "is not a SARIF log (no \"runs\")")]
    [InlineData("old.sarif", "is SARIF 1.0.0; write version 2.1")]
    public void Bad_input_is_one_line_that_says_what_to_do(string name, string expected)
    {
        var contents = new Dictionary<string, string>
        {
            ["broken.sarif"] = "{ not json",
            ["other.sarif"] = """{"hello": 1}""",
            ["old.sarif"] = """{"version":"1.0.0","runs":[]}""",
        };
        var path = Path.Combine(_folder, name);
        if (contents.TryGetValue(name, out var content))
        {
            File.WriteAllText(path, content);
        }

        var error = Assert.Throws<AuditInputException>(() => AuditBuilder.FromLogs([path]));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".sarif");
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
