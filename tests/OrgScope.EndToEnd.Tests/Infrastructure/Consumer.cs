using System.Text.RegularExpressions;

namespace OrgScope.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A workspace of fresh projects outside the repository, as a stranger would make them: its own NuGet.config (the
/// local feed first, then the machine's usual source for everything else; OrgScope ids map to the local feed only, so
/// they are never looked up elsewhere) and nothing of ours above it.
/// </summary>
internal sealed partial class Consumer
{
    private Consumer(LocalFeed feed, string directory)
    {
        Feed = feed;
        Directory = directory;
    }

    public LocalFeed Feed { get; }

    public string Directory { get; }

    /// <summary>The workspace's own feed (its <c>feed/</c> folder, for packages it packs itself, ids <c>Shop.*</c>).</summary>
    public string OwnFeed => PathOf("feed");

    public static Consumer Create(LocalFeed feed, string name)
    {
        var consumer = new Consumer(feed, feed.NewWorkspace(name));
        System.IO.Directory.CreateDirectory(consumer.OwnFeed);
        consumer.Write("NuGet.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="orgscope-local" value="{feed.Folder}" />
                <add key="own" value="{consumer.OwnFeed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="orgscope-local">
                  <package pattern="OrgScope" />
                  <package pattern="OrgScope.*" />
                </packageSource>
                <packageSource key="own">
                  <package pattern="Shop.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        return consumer;
    }

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    public void Write(string relativePath, string content)
    {
        var path = PathOf(relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>`dotnet build` of one project (restore included), quietly.</summary>
    public ProcessResult Build(string project) =>
        DotNetProcess.Run(Directory, TimeSpan.FromMinutes(5), "build", PathOf(project), "-nologo", "-v:m", "-nodeReuse:false", "-p:UseSharedCompilation=false");

    public ProcessResult Run(params string[] arguments) => DotNetProcess.Run(Directory, TimeSpan.FromMinutes(3), arguments);

    /// <summary>The ORGnnn diagnostics of a build's output, once each (MSBuild repeats them in its summary).</summary>
    public static IReadOnlyList<BuildDiagnostic> Diagnostics(ProcessResult build) =>
        DiagnosticLine().Matches(build.Output)
            .Select(m => new BuildDiagnostic(m.Groups["id"].Value, m.Groups["severity"].Value, Path.GetFileName(m.Groups["file"].Value),
                int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct()
            .ToList();

    /// <summary>Line and column (1-based, as the compiler reports them) of the first <paramref name="text"/> in a file.</summary>
    public (int Line, int Column) Position(string relativePath, string text, string? onLineWith = null)
    {
        var lines = File.ReadAllLines(PathOf(relativePath));
        for (var i = 0; i < lines.Length; i++)
        {
            if (onLineWith is not null && !lines[i].Contains(onLineWith, StringComparison.Ordinal))
            {
                continue;
            }

            var column = lines[i].IndexOf(text, StringComparison.Ordinal);
            if (column >= 0)
            {
                return (i + 1, column + 1);
            }
        }

        throw new InvalidOperationException($"'{text}' is not in {relativePath}.");
    }

    [GeneratedRegex(@"^\s*(?<file>[^\s(][^(]*?)\((?<line>\d+),(?<column>\d+)\): (?<severity>warning|error) (?<id>ORG\d{3}):", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();
}

internal sealed record BuildDiagnostic(string Id, string Severity, string File, int Line, int Column);
