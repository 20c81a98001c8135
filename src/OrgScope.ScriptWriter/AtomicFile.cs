using System;
using System.IO;

namespace OrgScope.ScriptWriter;

/// <summary>
/// Replaces a file in one step: the bytes go to a temp file beside it, then a rename puts it in place, so a reader
/// (or a build that is killed half-way) sees the old file or the new one, never part of one.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Suffix of the temp files; a crash can leave one behind, which <see cref="RemoveAbandonedTempFiles"/> removes later.</summary>
    internal const string TempSuffix = ".orgscope-tmp";

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless the file already holds exactly those bytes.</summary>
    /// <returns>True when the file was written; false when it was already up to date (its timestamp is left alone).</returns>
    public static bool WriteIfChanged(string path, byte[] content)
    {
        if (File.Exists(path) && HasContent(path, content))
        {
            return false;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // Hidden, unique per writer: two builds writing the same folder at once (multi-targeting) never share a temp file.
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + TempSuffix);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return true;
    }

    /// <summary>Removes temp files that a killed writer left behind; recent ones may belong to a writer still running.</summary>
    public static void RemoveAbandonedTempFiles(string directory, TimeSpan olderThan)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*" + TempSuffix))
        {
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > olderThan)
                {
                    File.Delete(file);
                }
            }
            catch (IOException)
            {
                // Another writer got there first: nothing to do.
            }
        }
    }

    private static bool HasContent(string path, byte[] content)
    {
        var info = new FileInfo(path);
        if (info.Length != content.Length)
        {
            return false;
        }

        return File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
    }
}
