using System.Text.Json;

namespace OrgScope.Audit.Sarif;

/// <summary>
/// Reads the OrgScope results (ORGnnn) and analyzer failures (AD0001) of a SARIF 2.1 log as the C# compiler writes it
/// (<c>-p:ErrorLog=file,version=2.1</c>). Diagnostic properties are under <c>properties.customProperties</c>; a
/// suppressed result has a non-empty <c>suppressions</c> array.
/// </summary>
public static class SarifReader
{
    public static IReadOnlyList<SarifResult> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new AuditInputException($"'{path}' does not exist: build with -p:OrgScopeAudit=true first (it writes obj/<configuration>/<framework>/orgscope-audit.sarif).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new AuditInputException($"'{path}' is not a JSON file ({ex.Message}); pass the SARIF log the build wrote.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
            {
                throw new AuditInputException($"'{path}' is not a SARIF log (no \"runs\"); pass the file -p:ErrorLog wrote.");
            }

            if (root.TryGetProperty("version", out var version) && version.GetString() is { } v && !v.StartsWith("2.", StringComparison.Ordinal))
            {
                throw new AuditInputException($"'{path}' is SARIF {v}; write version 2.1 (-p:ErrorLog=\"{path},version=2.1\", which OrgScopeAudit=true does).");
            }

            var results = new List<SarifResult>();
            foreach (var run in runs.EnumerateArray())
            {
                if (!run.TryGetProperty("results", out var runResults) || runResults.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var result in runResults.EnumerateArray())
                {
                    var ruleId = String(result, "ruleId");
                    if (ruleId is null || !(ruleId.StartsWith("ORG0", StringComparison.Ordinal) || ruleId == "AD0001"))
                    {
                        continue;
                    }

                    results.Add(ReadResult(ruleId, result));
                }
            }

            return results;
        }
    }

    private static SarifResult ReadResult(string ruleId, JsonElement result)
    {
        var message = result.TryGetProperty("message", out var m) ? String(m, "text") ?? string.Empty : string.Empty;
        var location = result.TryGetProperty("locations", out var locations) && locations.ValueKind == JsonValueKind.Array && locations.GetArrayLength() > 0
            ? Span(locations[0]) : null;
        var related = result.TryGetProperty("relatedLocations", out var relatedLocations) && relatedLocations.ValueKind == JsonValueKind.Array && relatedLocations.GetArrayLength() > 0
            ? Span(relatedLocations[0]) : null;

        var suppressed = false;
        string? suppressionType = null;
        if (result.TryGetProperty("suppressions", out var suppressions) && suppressions.ValueKind == JsonValueKind.Array && suppressions.GetArrayLength() > 0)
        {
            suppressed = true;
            var first = suppressions[0];
            suppressionType = first.TryGetProperty("properties", out var sp) ? String(sp, "suppressionType") : null;
            suppressionType ??= String(first, "kind");
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (result.TryGetProperty("properties", out var bag) && bag.TryGetProperty("customProperties", out var custom) && custom.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in custom.EnumerateObject())
            {
                properties[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return new SarifResult(ruleId, message, location, suppressed, suppressionType, properties, related);
    }

    private static SourceSpan? Span(JsonElement location)
    {
        if (!location.TryGetProperty("physicalLocation", out var physical)
            || !physical.TryGetProperty("artifactLocation", out var artifact) || String(artifact, "uri") is not { } uri)
        {
            return null;
        }

        var file = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : Uri.UnescapeDataString(uri);
        if (!physical.TryGetProperty("region", out var region))
        {
            return new SourceSpan(file, 0, 0, 0, 0);
        }

        var startLine = Int(region, "startLine", 0);
        var startColumn = Int(region, "startColumn", 1);
        var endLine = Int(region, "endLine", startLine);
        var endColumn = Int(region, "endColumn", startColumn);
        return new SourceSpan(file, startLine, startColumn, endLine, endColumn);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement element, string name, int fallback) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : fallback;
}

/// <summary>An audit input that cannot be read: the message says which file and what to do.</summary>
public sealed class AuditInputException(string message) : Exception(message);
