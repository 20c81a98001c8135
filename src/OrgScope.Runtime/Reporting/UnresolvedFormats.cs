using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrgScope.Runtime.Reporting;

/// <summary>Writes the unresolved report for a spreadsheet (CSV, RFC 4180) or a program (JSON).</summary>
public static class UnresolvedFormats
{
    /// <summary>CSV with a header: <c>table,key,reason,candidates</c>; candidates separated by ';' inside one field.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<UnresolvedRow> rows)
    {
        writer.Write("table,key,reason,candidates\n");
        foreach (var row in rows)
        {
            writer.Write(string.Join(",", Field(row.Table), Field(row.Key), Field(row.Reason), Field(string.Join(";", row.Candidates))));
            writer.Write('\n');
        }
    }

    /// <summary>A JSON array of <c>{"table","key","reason","candidates":[...],"run"}</c>.</summary>
    public static void WriteJson(TextWriter writer, IReadOnlyList<UnresolvedRow> rows)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("table", row.Table);
                json.WriteString("key", row.Key);
                json.WriteString("reason", row.Reason);
                json.WriteStartArray("candidates");
                foreach (var candidate in row.Candidates)
                {
                    json.WriteStringValue(candidate);
                }

                json.WriteEndArray();
                if (row.RunId is null)
                {
                    json.WriteNull("run");
                }
                else
                {
                    json.WriteString("run", row.RunId);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        writer.Write(Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }

    // Quote only when needed; a doubled quote inside, as RFC 4180 says.
    private static string Field(string value) =>
        value.Any(c => c is ',' or '"' or '\n' or '\r') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
