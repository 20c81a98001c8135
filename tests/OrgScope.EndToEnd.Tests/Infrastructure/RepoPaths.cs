using System.Reflection;
using System.Runtime.CompilerServices;

namespace OrgScope.EndToEnd.Tests.Infrastructure;

/// <summary>Where the repository is, and how this test project was built (the packs reuse that build).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", ".."));

    public static string Configuration { get; } = Metadata("OrgScopeConfiguration");

    public static string RoslynVersion { get; } = Metadata("OrgScopeRoslynVersion");

    public static string Project(string relativePath) => Path.Combine(Root, relativePath);

    private static string Metadata(string key) =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
