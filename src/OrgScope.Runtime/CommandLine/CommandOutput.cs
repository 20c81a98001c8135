using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrgScope.Runtime.Connection;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrgScope.Runtime.CommandLine;

/// <summary>
/// Where a command's output goes. Text mode: plain lines (and Spectre tables and live progress on a terminal).
/// JSON mode (<c>--log-format json</c>): one JSON object per line with an <c>event</c> field, nothing else on stdout.
/// Errors go to stderr as one line. Everything passes through the password redactor.
/// </summary>
public sealed class CommandOutput
{
    private readonly RedactingWriter stdout;
    private readonly RedactingWriter stderr;

    internal CommandOutput(TextWriter stdout, TextWriter stderr, bool isTerminal, bool json)
    {
        this.stdout = new RedactingWriter(stdout);
        this.stderr = new RedactingWriter(stderr);
        IsTerminal = isTerminal;
        Json = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(this.stdout),
        });
        if (!isTerminal)
        {
            // Redirected output goes to files and log collectors: do not wrap at 80 columns.
            Console.Profile.Width = 240;
        }
    }

    /// <summary>Standard output is a terminal (live progress, colours) rather than a file or pipe.</summary>
    public bool IsTerminal { get; }

    /// <summary>JSON lines were asked for.</summary>
    public bool Json { get; }

    /// <summary>Spectre's console over standard output (text mode only).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Standard output (redacted), for data a command prints as is (CSV, JSON reports).</summary>
    public TextWriter Out => stdout;

    /// <summary>Standard error (redacted).</summary>
    public TextWriter Error => stderr;

    /// <summary>Starts masking the password of these settings in everything written from now on.</summary>
    public void Protect(ConnectionSettings settings)
    {
        stdout.Redactor = settings.Redactor;
        stderr.Redactor = settings.Redactor;
    }

    /// <summary>Also masks <paramref name="secret"/> (a replica's password) in everything written from now on.</summary>
    public void Protect(string? secret)
    {
        stdout.Redactor = stdout.Redactor.With(secret);
        stderr.Redactor = stderr.Redactor.With(secret);
    }

    /// <summary>A plain line on standard output (text mode).</summary>
    public void Line(string text = "") => stdout.WriteLine(text);

    /// <summary>A Spectre renderable (table) on standard output (text mode).</summary>
    public void Render(IRenderable renderable) => Console.Write(renderable);

    /// <summary>One JSON object on one line of standard output: <c>{"event": name, "time": ..., ...}</c>.</summary>
    public void Event(string name, Action<Utf8JsonWriter> fields) => stdout.WriteLine(JsonLine(name, fields));

    /// <summary>The one line that says why the command failed, on standard error.</summary>
    public void Failure(string message, int exitCode)
    {
        if (Json)
        {
            stderr.WriteLine(JsonLine("error", w =>
            {
                w.WriteNumber("exitCode", exitCode);
                w.WriteString("message", message);
            }));
        }
        else
        {
            stderr.WriteLine("orgscope: " + message);
        }

        stderr.Flush();
    }

    /// <summary>A plain table for text mode: header row, then rows.</summary>
    public static Table Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        foreach (var row in rows)
        {
            var cells = new IRenderable[columns.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = new Text(i < row.Count ? row[i] ?? "NULL" : "");
            }

            table.AddRow(cells);
        }

        return table;
    }

    /// <summary>A duration as an operator reads it: "45s", "12m 05s", "3h 20m".</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m")
        : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalSeconds)}s");

    /// <summary>A count with thousands separators, invariant.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string JsonLine(string name, Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps text as typed, so the redactor can still recognise a password inside a value.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("event", name);
            writer.WriteString("time", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            fields(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
