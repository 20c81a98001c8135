using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrgScope.Runtime.Preflight;

/// <summary>Which server family: they differ in which versions can add a column instantly.</summary>
public enum ServerFlavor
{
    /// <summary>Oracle MySQL (and compatibles that report a plain version, such as Aurora MySQL 3).</summary>
    MySql,

    /// <summary>MariaDB: VERSION() contains "MariaDB".</summary>
    MariaDb,
}

/// <summary>The server's version and what it allows the generated DDL to do.</summary>
public sealed record ServerInfo(string VersionText, ServerFlavor Flavor, Version Version)
{
    /// <summary>
    /// Whether ADD COLUMN at the end runs with ALGORITHM=INSTANT (metadata only, no table copy):
    /// MySQL 8.0.12 and later, MariaDB 10.3.2 and later.
    /// </summary>
    public bool InstantAddColumn => Flavor switch
    {
        ServerFlavor.MariaDb => Version >= new Version(10, 3, 2),
        _ => Version >= new Version(8, 0, 12),
    };

    /// <summary>Whether this server is one the generated SQL is written for (MySQL 8.0.12+, MariaDB 10.6+).</summary>
    public bool Supported => Flavor switch
    {
        ServerFlavor.MariaDb => Version >= new Version(10, 6),
        _ => Version >= new Version(8, 0, 12),
    };

    /// <summary>"MariaDB 10.11.6" or "MySQL 8.0.36".</summary>
    public string Display => $"{(Flavor == ServerFlavor.MariaDb ? "MariaDB" : "MySQL")} {Version.ToString(3)}";

    /// <summary>Parses the text of <c>SELECT VERSION()</c>, e.g. "10.11.6-MariaDB-0+deb12u1" or "8.0.36-log".</summary>
    public static ServerInfo Parse(string versionText)
    {
        var flavor = versionText.Contains("MariaDB", StringComparison.OrdinalIgnoreCase) ? ServerFlavor.MariaDb : ServerFlavor.MySql;
        // MariaDB behind some proxies reports the handshake form "5.5.5-10.11.6-MariaDB": the real version follows.
        var text = flavor == ServerFlavor.MariaDb && versionText.StartsWith("5.5.5-", StringComparison.Ordinal) ? versionText[6..] : versionText;
        var match = Regex.Match(text, @"^(\d+)\.(\d+)(?:\.(\d+))?");
        var version = match.Success
            ? new Version(Number(match.Groups[1]), Number(match.Groups[2]), match.Groups[3].Success ? Number(match.Groups[3]) : 0)
            : new Version(0, 0, 0);
        return new ServerInfo(versionText, flavor, version);

        static int Number(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
