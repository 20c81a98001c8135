using System.IO.Compression;

namespace OrgScope.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The three packages, packed once per test run into a temp folder that serves as a local NuGet feed. Each run packs
/// a version of its own (0.1.0-e2e.xxxxxxxx), so a package cached by an earlier run can never stand in for this
/// build; the global packages folder keeps serving every other dependency without the network, and the entries of
/// this version are removed from it afterwards.
/// </summary>
public sealed class LocalFeed : IDisposable
{
    public const string PackageId = "OrgScope";
    public const string RuntimePackageId = "OrgScope.Runtime";
    public const string ToolPackageId = "OrgScope.Tool";

    private static readonly string[] Projects =
    [
        "src/OrgScope.Package/OrgScope.Package.csproj",
        "src/OrgScope.Runtime/OrgScope.Runtime.csproj",
        "src/OrgScope.Cli/OrgScope.Cli.csproj",
    ];

    public LocalFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), "orgscope-e2e-" + Guid.NewGuid().ToString("N")[..10]);
        Folder = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Folder);
        Version = "0.1.0-e2e." + Guid.NewGuid().ToString("N")[..8] + "x";

        // The build this test project was made with (its project references built them): pack only, no rebuild.
        foreach (var project in Projects)
        {
            var result = DotNetProcess.Run(RepoPaths.Root, TimeSpan.FromMinutes(5),
                "pack", RepoPaths.Project(project), "--no-build", "-c", RepoPaths.Configuration, "-o", Folder,
                "-p:PackageVersion=" + Version, "-nologo", "-v:m", "-nodeReuse:false");
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException("Packing failed." + Environment.NewLine + result);
            }
        }
    }

    /// <summary>A temp folder outside the repository: the feed and every consumer project live under it.</summary>
    public string Root { get; }

    public string Folder { get; }

    public string Version { get; }

    public string PackagePath(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    /// <summary>The entries of a package, with forward slashes.</summary>
    public IReadOnlyList<string> Entries(string id)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    public string ReadEntry(string id, string entry)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>A new folder under <see cref="Root"/> for one consumer.</summary>
    public string NewWorkspace(string name)
    {
        var path = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        TryDelete(Root);
        // Restores and tool installs put this run's version into the global packages folder: a unique version no one
        // else will ask for, so it is garbage once the run is over.
        var global = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { PackageId, RuntimePackageId, ToolPackageId, "Shop.Domain" })
        {
            TryDelete(Path.Combine(global, id.ToLowerInvariant(), Version.ToLowerInvariant()));
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
