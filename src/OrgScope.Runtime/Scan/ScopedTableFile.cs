using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace OrgScope.Runtime.Scan;

/// <summary>
/// The scoped-table list file the analyzer reads (an AdditionalFiles item named <c>orgscope.tables</c>; the format is
/// the analyzer's, docs/analyzer.md): one <c>table(primary key):column</c> per line, <c>#</c> comments. What
/// <c>orgscope scan</c> writes is deterministic (no timestamp), so a scan that finds nothing new changes nothing and a
/// rescan shows up in review as the tables it added or dropped.
/// </summary>
public static partial class ScopedTableFile
{
    /// <summary>The file name the analyzer picks up from the project folder without a project edit.</summary>
    public const string DefaultFileName = "orgscope.tables";

    /// <summary>How a file written by scan starts; scan replaces only such files unless told to.</summary>
    public const string HeaderMarker = "# orgscope scan:";

    /// <summary>The file's text for a scan.</summary>
    public static string Render(ScanResult scan)
    {
        var text = new StringBuilder()
            .Append(HeaderMarker).Append(" the base tables of `").Append(scan.Schema).Append("` that carry ")
            .Append(string.Join(" or ", scan.Columns)).Append(": ").Append(scan.Tables.Count).Append(" of ").Append(scan.TablesScanned).Append('\n')
            .Append("# Written by `orgscope scan`; run it again to refresh (it replaces this file). One table per line:\n")
            .Append("# table(primary key):organization column. A table dropped from this list is no longer checked by the analyzer.\n");
        foreach (var table in scan.Tables)
        {
            text.Append(Entry(table));
            if (table.ColumnInPrimaryKey)
            {
                text.Append("  # ").Append(table.Column).Append(" is in the primary key: a membership or link table?");
            }

            text.Append('\n');
        }

        foreach (var table in scan.OrganizationTables)
        {
            text.Append("# left out: ").Append(Entry(table)).Append(", the organization table itself (").Append(table.Column).Append(" is its whole primary key)\n");
        }

        return text.ToString();
    }

    /// <summary>One line's entry: <c>users(id):organization_id</c>, or <c>audit_log:organization_id</c> without a primary key.</summary>
    public static string Entry(ScannedTable table) =>
        Name(table.Table)
        + (table.PrimaryKey.Count > 0 ? "(" + string.Join(", ", table.PrimaryKey.Select(Name)) + ")" : "")
        + ":" + Name(table.Column);

    /// <summary>The table names a file lists (what a rescan compares with), ignoring comments.</summary>
    public static IReadOnlyList<string> Tables(string text) =>
        text.Split('\n')
            .Select(line => (line.IndexOf('#') is var hash and >= 0 ? line[..hash] : line).Trim())
            .Where(line => line.Length > 0)
            .Select(line => line.Split('(', ':')[0].Trim().Trim('`'))
            .ToList();

    /// <summary>Whether the file at <paramref name="path"/> was written by scan (or does not exist).</summary>
    public static bool IsAbsentOrScanned(string path) =>
        !File.Exists(path) || File.ReadLines(path).FirstOrDefault()?.StartsWith(HeaderMarker, StringComparison.Ordinal) == true;

    // Plain identifiers as they are; anything else in backticks (the analyzer strips them).
    private static string Name(string identifier) =>
        PlainIdentifier().IsMatch(identifier) ? identifier : "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";

    [GeneratedRegex("^[A-Za-z0-9_$]+$")]
    private static partial Regex PlainIdentifier();
}
