using System.Runtime.CompilerServices;
using OrgScope.Analyzers.Analyzers;

namespace OrgScope.Analyzers.Tests;

/// <summary>Every analyzer rule has its help page, its release-tracking line and its README row.</summary>
public class DescriptorDocumentationTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", ".."));

    public static TheoryData<string> RuleIds { get; } = new(new OrgScopeAnalyzer().SupportedDiagnostics.Select(d => d.Id).Distinct());

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Each_rule_is_documented_and_tracked(string id)
    {
        var descriptor = new OrgScopeAnalyzer().SupportedDiagnostics.First(d => d.Id == id);
        Assert.Equal("https://github.com/orgscope/orgscope/blob/main/docs/rules/" + id + ".md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(Root, "docs", "rules", id + ".md")), "docs/rules/" + id + ".md is missing");
        var releases = File.ReadAllText(Path.Combine(Root, "src", "OrgScope.Analyzers", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(Root, "src", "OrgScope.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.Contains("\n" + id + " | " + descriptor.Category + " |", releases);
        Assert.Contains("| [" + id + "](docs/rules/" + id + ".md) |", File.ReadAllText(Path.Combine(Root, "README.md")));
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
