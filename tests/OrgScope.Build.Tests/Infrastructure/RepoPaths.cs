using System.Runtime.CompilerServices;

namespace OrgScope.Build.Tests.Infrastructure;

/// <summary>Where the repository's files are: the build tests run the real targets and the real sample.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", ".."));

    public static string PackageBuildFolder { get; } = Path.Combine(Root, "src", "OrgScope.Abstractions", "build");

    public static string Sample { get; } = Path.Combine(Root, "samples", "OrgScope.Sample");

    /// <summary>Ignored by git (/.tmp/): probe projects placed here get Directory.Build.props/.targets like any in-repo project.</summary>
    public static string InRepoScratch { get; } = Path.Combine(Root, ".tmp", "build-tests");

    /// <summary>The writer this test project was built with (a project reference copies it beside the tests).</summary>
    public static string ScriptWriter { get; } = Path.Combine(AppContext.BaseDirectory, "OrgScope.ScriptWriter.dll");

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
