using System.Xml.Linq;
using OrgScope.EndToEnd.Tests.Infrastructure;

namespace OrgScope.EndToEnd.Tests;

/// <summary>Step 1: what `dotnet pack` put into each package, where NuGet and the SDK look for it.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PackageLayoutTests(LocalFeed feed)
{
    [Fact]
    public void OrgScope_carries_attributes_analyzers_build_logic_and_the_script_writer()
    {
        var entries = feed.Entries(LocalFeed.PackageId);

        Assert.Contains("lib/netstandard2.0/OrgScope.Abstractions.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/OrgScope.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/OrgScope.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/OrgScope.CodeFixes.dll", entries);
        foreach (var folder in new[] { "build", "buildTransitive" })
        {
            Assert.Contains($"{folder}/OrgScope.props", entries);
            Assert.Contains($"{folder}/OrgScope.targets", entries);
        }

        // Imported by build/OrgScope.targets in audit builds (buildTransitive/ imports build/).
        Assert.Contains("build/OrgScope.Audit.globalconfig", entries);

        // Framework-dependent, run with `dotnet exec` by OrgScope.targets: the dll, its dependency, no apphost.
        Assert.Contains("tools/scriptwriter/OrgScope.ScriptWriter.dll", entries);
        Assert.Contains("tools/scriptwriter/OrgScope.ScriptWriter.runtimeconfig.json", entries);
        Assert.Contains("tools/scriptwriter/OrgScope.Plan.dll", entries);
        Assert.DoesNotContain("tools/scriptwriter/OrgScope.ScriptWriter", entries);
        // Nothing but the attributes may reach the app's references.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)
                                            && !e.EndsWith("/OrgScope.Abstractions.dll", StringComparison.Ordinal));

        var metadata = Nuspec(LocalFeed.PackageId);
        // Entities need the attributes at run time: a development dependency would keep lib/ from flowing.
        Assert.NotEqual("true", Value(metadata, "developmentDependency"));
        Assert.Empty(metadata.Descendants(metadata.Name.Namespace + "dependency"));
        AssertCommonMetadata(LocalFeed.PackageId, metadata);
    }

    [Fact]
    public void OrgScope_Runtime_bundles_the_plan_reader_and_depends_only_on_public_packages()
    {
        var entries = feed.Entries(LocalFeed.RuntimePackageId);
        Assert.Contains("lib/net10.0/OrgScope.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/OrgScope.Plan.dll", entries);
        Assert.Contains("lib/net10.0/OrgScope.Audit.dll", entries);

        var metadata = Nuspec(LocalFeed.RuntimePackageId);
        var dependencies = metadata.Descendants(metadata.Name.Namespace + "dependency").Select(d => (string)d.Attribute("id")!).Order().ToList();
        Assert.Equal(["Dapper", "MySqlConnector", "Spectre.Console", "System.CommandLine"], dependencies);
        AssertCommonMetadata(LocalFeed.RuntimePackageId, metadata);
        Assert.Contains($"{LocalFeed.RuntimePackageId}.{feed.Version}.snupkg", Directory.GetFiles(feed.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void OrgScope_Tool_is_the_orgscope_dotnet_tool()
    {
        var entries = feed.Entries(LocalFeed.ToolPackageId);
        Assert.Contains("tools/net10.0/any/orgscope.dll", entries);
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
        Assert.Contains("""Command Name="orgscope" """.Trim(), feed.ReadEntry(LocalFeed.ToolPackageId, "tools/net10.0/any/DotnetToolSettings.xml"), StringComparison.Ordinal);

        var metadata = Nuspec(LocalFeed.ToolPackageId);
        Assert.Contains(metadata.Descendants(metadata.Name.Namespace + "packageType"), t => (string?)t.Attribute("name") == "DotnetTool");
        AssertCommonMetadata(LocalFeed.ToolPackageId, metadata);
    }

    private void AssertCommonMetadata(string id, XElement metadata)
    {
        Assert.Equal(id, Value(metadata, "id"));
        Assert.Equal(feed.Version, Value(metadata, "version"));
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("https://github.com/orgscope/orgscope", Value(metadata, "projectUrl"));
        Assert.Equal("https://github.com/orgscope/orgscope", (string?)metadata.Element(metadata.Name.Namespace + "repository")?.Attribute("url"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Contains("README.md", feed.Entries(id));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        Assert.Contains("mysql", Value(metadata, "tags") ?? "", StringComparison.Ordinal);
    }

    private XElement Nuspec(string id)
    {
        var document = XDocument.Parse(feed.ReadEntry(id, id + ".nuspec"));
        return document.Root!.Element(document.Root.Name.Namespace + "metadata")!;
    }

    private static string? Value(XElement metadata, string name) => (string?)metadata.Element(metadata.Name.Namespace + name);
}
