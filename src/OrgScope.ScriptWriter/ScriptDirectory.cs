using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OrgScope.Plan;

namespace OrgScope.ScriptWriter;

/// <summary>
/// Keeps a folder in step with the plan's files: writes a file only when its bytes differ (so timestamps and
/// diffs move only when the model changed) and removes the files it wrote earlier that the plan no longer has.
/// A manifest beside the files records what it wrote, so files a person put there are never touched.
/// </summary>
internal static class ScriptDirectory
{
    /// <summary>The manifest: one file name per line, the files this tool owns in the folder.</summary>
    public const string ManifestName = ".orgscope-files";

    private const string ManifestHeader =
        "# Written by the OrgScope build (OrgScope.ScriptWriter): the files below come from the plan and are rewritten or removed with it.";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Brings <paramref name="directory"/> in step with <paramref name="files"/>.</summary>
    /// <exception cref="PlanException">A file name in the plan is not a plain file name, or appears twice.</exception>
    public static SyncResult Sync(string directory, IReadOnlyList<PlanFile> files)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!IsPlainFileName(file.Name))
            {
                throw new PlanException($"The plan names a file '{file.Name}', which is not a plain file name; nothing was written.");
            }

            if (!names.Add(file.Name))
            {
                throw new PlanException($"The plan names the file '{file.Name}' twice; nothing was written.");
            }
        }

        Directory.CreateDirectory(directory);
        AtomicFile.RemoveAbandonedTempFiles(directory, TimeSpan.FromHours(1));

        var written = new List<string>();
        var unchanged = new List<string>();
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var changed = AtomicFile.WriteIfChanged(Path.Combine(directory, file.Name), Utf8NoBom.GetBytes(file.Content));
            (changed ? written : unchanged).Add(file.Name);
        }

        var removed = new List<string>();
        foreach (var stale in ReadManifest(directory).Where(name => !names.Contains(name)).OrderBy(n => n, StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, stale);
            if (File.Exists(path))
            {
                File.Delete(path);
                removed.Add(stale);
            }
        }

        // Written last: if anything above failed, the old manifest still lists every file this tool may own.
        var manifest = ManifestHeader + "\n" + string.Concat(names.OrderBy(n => n, StringComparer.Ordinal).Select(n => n + "\n"));
        AtomicFile.WriteIfChanged(Path.Combine(directory, ManifestName), Utf8NoBom.GetBytes(manifest));

        return new SyncResult(written, unchanged, removed);
    }

    /// <summary>The names the previous run wrote; names that are not plain file names are ignored, never deleted.</summary>
    private static IEnumerable<string> ReadManifest(string directory)
    {
        var path = Path.Combine(directory, ManifestName);
        if (!File.Exists(path))
        {
            return [];
        }

        return File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#') && IsPlainFileName(line))
            .ToArray();
    }

    /// <summary>A name that stays inside the folder and does not collide with the manifest or the temp files.</summary>
    internal static bool IsPlainFileName(string name) =>
        !string.IsNullOrWhiteSpace(name)
        && !name.StartsWith('.')
        && name.IndexOfAny(['/', '\\', ':']) < 0
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && name == name.Trim();
}

/// <summary>What one run changed in the folder, each list in name order.</summary>
internal sealed record SyncResult(IReadOnlyList<string> Written, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Removed);
