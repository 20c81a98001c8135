using System.Text;
using Xunit.Sdk;

namespace OrgScope.Generators.Tests.Infrastructure;

/// <summary>
/// Committed snapshot folders under Snapshots/: every generated file of a run, compared byte for byte (line ends
/// normalised). ORGSCOPE_UPDATE_SNAPSHOTS=1 rewrites a folder to match the run, stale files included.
/// </summary>
internal static class Snapshots
{
    public static bool Updating => Environment.GetEnvironmentVariable("ORGSCOPE_UPDATE_SNAPSHOTS") == "1";

    public static void Verify(string name, IReadOnlyDictionary<string, string> files)
    {
        var directory = Path.Combine(TestPaths.Snapshots, name);
        if (Updating)
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            foreach (var (path, content) in files)
            {
                var full = Path.Combine(directory, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }

            return;
        }

        if (!Directory.Exists(directory))
        {
            throw new XunitException($"No snapshot '{name}' at {directory}; run with ORGSCOPE_UPDATE_SNAPSHOTS=1 to record it.");
        }

        var expected = Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllText);
        var problems = new StringBuilder();
        foreach (var path in expected.Keys.Except(files.Keys).OrderBy(p => p, StringComparer.Ordinal))
        {
            problems.AppendLine($"- {path}: in the snapshot, not generated");
        }

        foreach (var path in files.Keys.Except(expected.Keys).OrderBy(p => p, StringComparer.Ordinal))
        {
            problems.AppendLine($"- {path}: generated, not in the snapshot");
        }

        foreach (var path in files.Keys.Intersect(expected.Keys).OrderBy(p => p, StringComparer.Ordinal))
        {
            var want = Normalize(expected[path]);
            var got = Normalize(files[path]);
            if (want != got)
            {
                problems.AppendLine($"- {path}: differs at {FirstDifference(want, got)}");
            }
        }

        if (problems.Length > 0)
        {
            throw new XunitException($"Snapshot '{name}' does not match (ORGSCOPE_UPDATE_SNAPSHOTS=1 re-records on purpose):\n{problems}");
        }
    }

    /// <summary>
    /// Compares generated files with a folder that also holds the script writer's hidden manifest (the sample's
    /// committed scripts): every generated file must be there with the same content, and nothing else but dot files.
    /// Updating rewrites only the generated files.
    /// </summary>
    public static void VerifyFiles(string directory, IReadOnlyDictionary<string, string> files)
    {
        var problems = new StringBuilder();
        var present = Directory.GetFiles(directory).Select(Path.GetFileName).Where(n => !n!.StartsWith('.'));
        foreach (var name in present.Except(files.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            problems.AppendLine($"- {name}: in {directory}, not generated");
        }

        foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, name);
            if (Updating)
            {
                File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                continue;
            }

            if (!File.Exists(path))
            {
                problems.AppendLine($"- {name}: generated, not in {directory}");
                continue;
            }

            var want = Normalize(File.ReadAllText(path));
            var got = Normalize(content);
            if (want != got)
            {
                problems.AppendLine($"- {name}: differs at {FirstDifference(want, got)}");
            }
        }

        if (problems.Length > 0)
        {
            throw new XunitException($"Files in {directory} do not match (ORGSCOPE_UPDATE_SNAPSHOTS=1 re-records on purpose):\n{problems}");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Up to 160 characters around a column: plan lines can hold a whole SQL script.</summary>
    private static string Excerpt(string line, int column)
    {
        var start = Math.Max(0, column - 60);
        var length = Math.Min(160, line.Length - start);
        return (start > 0 ? "…" : "") + line.Substring(start, length) + (start + length < line.Length ? "…" : "");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var lineNumber = 1;
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (; lineNumber <= Math.Min(expectedLines.Length, actualLines.Length); lineNumber++)
        {
            if (expectedLines[lineNumber - 1] != actualLines[lineNumber - 1])
            {
                var (want, got) = (expectedLines[lineNumber - 1], actualLines[lineNumber - 1]);
                var column = 0;
                while (column < Math.Min(want.Length, got.Length) && want[column] == got[column])
                {
                    column++;
                }

                return $"line {lineNumber}, column {column + 1}\n    expected: {Excerpt(want, column)}\n    actual:   {Excerpt(got, column)}";
            }
        }

        return $"line {lineNumber} (expected {expectedLines.Length} lines, got {actualLines.Length})";
    }
}
