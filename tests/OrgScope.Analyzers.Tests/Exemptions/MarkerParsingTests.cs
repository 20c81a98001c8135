using Microsoft.CodeAnalysis;
using OrgScope.Analyzers.Exemptions;

namespace OrgScope.Analyzers.Tests.Exemptions;

/// <summary>Roslyn-free: what counts as a marker, its reason, team markers, and SQL statement coverage.</summary>
public class MarkerParsingTests
{
    private static readonly string[] Team = ["xtenant:", "CrossTenant"];

    [Theory]
    [InlineData(" orgscope: cross-org nightly job", "CrossOrg", "orgscope: cross-org", "nightly job")]
    [InlineData("ORGSCOPE:CROSS-ORG: nightly   job ", "CrossOrg", "orgscope: CROSS-ORG", "nightly job")]
    [InlineData(" orgscope: cross-org - reviewed\n   * by security */", "CrossOrg", "orgscope: cross-org", "reviewed by security */")]
    [InlineData(" orgscope: schema-probe health check", "SchemaProbe", "orgscope: schema-probe", "health check")]
    [InlineData(" orgscope: cross-org", "CrossOrg", "orgscope: cross-org", "")]
    [InlineData(" orgscope: crossorg x", "Unknown", "orgscope: crossorg", "x")]
    [InlineData(" xtenant: support tool", "CrossOrg", "xtenant:", "support tool")]
    [InlineData("XTENANT:support tool", "CrossOrg", "xtenant:", "support tool")]
    [InlineData(" crosstenant — the importer", "CrossOrg", "CrossTenant", "the importer")]
    public void Parses_a_marker(string body, string kind, string marker, string reason)
    {
        var parsed = ExemptionMarker.Parse(body, Team);
        Assert.NotNull(parsed);
        Assert.Equal((kind, marker, reason), (parsed.Kind.ToString(), parsed.Marker, parsed.Reason));
    }

    [Theory]
    [InlineData(" see orgscope: cross-org")]
    [InlineData(" crosstenants are fine")]
    [InlineData(" tenant: x")]
    [InlineData("")]
    public void Prose_is_not_a_marker(string body)
    {
        Assert.Null(ExemptionMarker.Parse(body, Team));
    }

    [Fact]
    public void Team_markers_are_a_comma_or_semicolon_list_without_our_own_prefix()
    {
        Assert.Equal(["xtenant:", "cross-tenant:"], ExemptionMarker.ParseTeamMarkers(" xtenant: ; cross-tenant: , orgscope: cross-org,, xtenant:"));
        Assert.Empty(ExemptionMarker.ParseTeamMarkers("  "));
    }

    [Fact]
    public void Sql_markers_cover_the_statement_they_are_in()
    {
        const string sql = "SELECT 1 -- xtenant: a\n; /* orgscope: cross-org b */ SELECT 2; SELECT '-- orgscope: cross-org c'; -- orgscope: schema-probe d";
        var markers = SqlMarkers.Scan(sql, Team);
        Assert.Equal(
            [("a", 0), ("b", 1), ("d", 2)],
            markers.Markers.Select(m => (m.Marker.Reason, m.Statement)));
        Assert.Equal(0, markers.StatementOf(sql.IndexOf("1", StringComparison.Ordinal)));
        Assert.Equal(1, markers.StatementOf(sql.IndexOf("2", StringComparison.Ordinal)));
        Assert.Equal(2, markers.StatementOf(sql.IndexOf("'", StringComparison.Ordinal)));
        Assert.Equal(sql.IndexOf("/*", StringComparison.Ordinal), markers.Markers[1].Start);
        Assert.Equal(sql.IndexOf("*/", StringComparison.Ordinal) + 2, markers.Markers[1].End);
    }

    [Fact]
    public void Sql_without_a_marker_is_not_lexed_for_markers()
    {
        Assert.Same(SqlMarkers.None, SqlMarkers.Scan("SELECT * FROM tasks -- just a comment", Team));
    }

    [Fact]
    public void Justifications_are_one_kind_whatever_their_text()
    {
        // Roslyn checks a reported suppression against SupportedSuppressions by descriptor equality, justification included.
        var declared = new SuppressionDescriptor("ORGX001", "ORG001", ExemptionJustification.Declared);
        var reported = new SuppressionDescriptor("ORGX001", "ORG001", new ExemptionJustification("nightly job"));
        Assert.Equal(declared, reported);
        Assert.Equal(declared.GetHashCode(), reported.GetHashCode());
        Assert.Contains(reported, new ExemptionSuppressor().SupportedSuppressions);
        Assert.NotEqual(declared, new SuppressionDescriptor("ORGX001", "ORG001", "nightly job"));
        Assert.Equal("nightly job", reported.Justification.ToString());
        Assert.Equal("Suppression Justification: nightly job", $"Suppression Justification: {reported.Justification}");
    }
}
