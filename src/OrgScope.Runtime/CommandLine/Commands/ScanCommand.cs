using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Runtime.Connection;
using OrgScope.Runtime.Scan;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary>
/// <c>orgscope scan</c>: the tables of a live database that carry the organization column, written as the
/// scoped-table list file the analyzer reads, so a team can switch the analyzer on before annotating any entity.
/// Read-only on the database; needs no plan (no <c>--assembly</c>).
/// </summary>
internal sealed class ScanCommand : OrgScopeCommand
{
    private const string DefaultColumn = "organization_id";

    public readonly Option<IReadOnlyList<string>?> Column = TypedOptions.CommaList("--column", "name",
        $"The organization column to look for (default {DefaultColumn}), e.g. ClientId or TenantId; several, comma-separated (SiteID,SiteGuid): a table gets the first it has");

    public readonly Option<string?> Out = TypedOptions.Text("--out", "path",
        $"The list file to write (default {ScopedTableFile.DefaultFileName}, which the analyzer reads from the project folder); - for stdout");

    public readonly Option<string?> Schema = TypedOptions.Text("--schema", "name",
        "The schema (database) to scan (default the connection's database)");

    public readonly Option<bool> Force = TypedOptions.Switch("--force",
        "Replace the file even if orgscope scan did not write it (a hand-written list)");

    public ScanCommand()
        : base("scan", "Write the scoped-table list for the analyzer: the tables of a live database that carry the organization column (read-only, no plan needed)")
    {
        Options.Add(Column);
        Options.Add(Out);
        Options.Add(Schema);
        Options.Add(Force);
    }

    public override async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var columns = context.Value(Column) ?? [DefaultColumn];
        var path = context.Value(Out) ?? ScopedTableFile.DefaultFileName;
        var toStdout = path == "-";
        if (!toStdout)
        {
            path = Path.GetFullPath(path);
            RequireWritable(path, context.Value(Force));
        }

        ScanResult scan;
        await using (var connection = await context.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            scan = await ScopedTableScan.RunAsync(connection, context.Value(Schema), columns, cancellationToken).ConfigureAwait(false);
        }

        if (scan.Tables.Count == 0)
        {
            throw new OperatorException(FailureKind.Refused, NothingFound(scan));
        }

        var text = ScopedTableFile.Render(scan);
        if (toStdout)
        {
            context.Output.Out.Write(text);
            return ExitCodes.Ok;
        }

        var before = File.Exists(path) ? ScopedTableFile.Tables(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)) : [];
        await WriteAtomicallyAsync(path, text, cancellationToken).ConfigureAwait(false);
        var now = scan.Tables.Select(t => t.Table).ToList();
        var added = now.Except(before, StringComparer.OrdinalIgnoreCase).ToList();
        var dropped = before.Except(now, StringComparer.OrdinalIgnoreCase).ToList();

        var output = context.Output;
        if (output.Json)
        {
            output.Event("scan", w =>
            {
                w.WriteString("schema", scan.Schema);
                w.WriteString("file", path);
                w.WriteNumber("tablesScanned", scan.TablesScanned);
                w.WriteStartArray("tables");
                foreach (var table in scan.Tables)
                {
                    w.WriteStringValue(ScopedTableFile.Entry(table));
                }

                w.WriteEndArray();
                w.WriteStartArray("organizationTables");
                foreach (var table in scan.OrganizationTables)
                {
                    w.WriteStringValue(table.Table);
                }

                w.WriteEndArray();
                w.WriteStartArray("added");
                added.ForEach(w.WriteStringValue);
                w.WriteEndArray();
                w.WriteStartArray("dropped");
                dropped.ForEach(w.WriteStringValue);
                w.WriteEndArray();
            });
            return ExitCodes.Ok;
        }

        foreach (var table in scan.Tables)
        {
            output.Line("  " + ScopedTableFile.Entry(table));
        }

        var change = before.Count == 0 ? ""
            : added.Count == 0 && dropped.Count == 0 ? "; the same tables as before"
            : $"; added {(added.Count > 0 ? string.Join(", ", added) : "none")}, dropped {(dropped.Count > 0 ? string.Join(", ", dropped) : "none")}";
        foreach (var table in scan.OrganizationTables)
        {
            output.Line($"  left out {table.Table}: {table.Column} is its whole primary key, so it is the organization table itself");
        }

        output.Line($"scan: {scan.Tables.Count} of {scan.TablesScanned} tables in `{scan.Schema}` carry {string.Join(" or ", scan.Columns)}: wrote {path}{change}.");
        output.Line($"Next: review the list, commit it; the analyzer reads {ScopedTableFile.DefaultFileName} from the project folder (or any AdditionalFiles item named *.orgscope.tables).");
        return ExitCodes.Ok;
    }

    // Checked before connecting: a refusal costs the operator no database round trip and writes nothing.
    private static void RequireWritable(string path, bool force)
    {
        if (Directory.Exists(path))
        {
            throw new OperatorException(FailureKind.Usage, $"--out {path} is a directory: name the file, e.g. --out {Path.Combine(path, ScopedTableFile.DefaultFileName)}.");
        }

        var folder = Path.GetDirectoryName(path);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new OperatorException(FailureKind.Configuration, $"The folder of --out {path} does not exist: create it or write elsewhere.");
        }

        if (!force && !ScopedTableFile.IsAbsentOrScanned(path))
        {
            throw new OperatorException(FailureKind.Refused,
                $"{path} exists and was not written by orgscope scan: nothing written. Pass --force to replace it, or --out another file.");
        }
    }

    private static string NothingFound(ScanResult scan)
    {
        var message = new StringBuilder(scan.OrganizationTables.Count > 0
            ? $"Only the organization table {string.Join(", ", scan.OrganizationTables.Select(t => t.Table))} of the {scan.TablesScanned} in `{scan.Schema}` has {string.Join(" or ", scan.Columns)}, as its primary key: nothing written."
            : $"No table of the {scan.TablesScanned} in `{scan.Schema}` has a column named {string.Join(" or ", scan.Columns)}: nothing written.");
        var hints = scan.Candidates.Take(3).ToList();
        message.Append(hints.Count > 0
            ? $" Columns that look like one: {string.Join(", ", hints.Select(c => $"{c.Column} ({c.Tables} table{(c.Tables == 1 ? "" : "s")})"))}; pass --column {hints[0].Column}."
            : " Pass the organization column's name with --column.");
        return message.ToString();
    }

    // A reader (the IDE, a build) never sees half a file: write beside it, then rename over it.
    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
