using System;
using System.IO;
using System.Linq;

namespace OrgScope.Testing;

/// <summary>Finds the MariaDB/MySQL executables the fixture needs: on PATH first, then the usual Debian folders.</summary>
public static class MariaDbBinaries
{
    private static readonly string[] FallbackFolders = ["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/mysql/bin"];

    public const string InstallHint = "install mariadb-server: apt-get install -y mariadb-server";

    /// <summary>The first existing executable among <paramref name="names"/>, or null.</summary>
    public static string? Find(params string[] names)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(FallbackFolders);
        foreach (var name in names)
        {
            foreach (var folder in folders)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The command-line client users run scripts with (`mariadb db &lt; file`).</summary>
    public static string RequireClient() =>
        Find("mariadb", "mysql") ?? throw new InvalidOperationException("No `mariadb` or `mysql` client found; " + InstallHint);
}
