using System.Runtime.CompilerServices;

namespace OrgScope.Generators.Tests.Infrastructure;

/// <summary>Where the test sources live (snapshots are committed files beside them).</summary>
internal static class TestPaths
{
    public static string ProjectDirectory { get; } = Path.GetDirectoryName(ThisFile())!.Replace("/Infrastructure", "", StringComparison.Ordinal);

    public static string RepoRoot { get; } = Path.GetFullPath(Path.Combine(ProjectDirectory, "..", ".."));

    public static string Snapshots { get; } = Path.Combine(ProjectDirectory, "Snapshots");

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
