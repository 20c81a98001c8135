namespace OrgScope.Audit.Rendering;

/// <summary>The output formats of `orgscope audit`.</summary>
public enum AuditFormat
{
    Text,
    Markdown,
    Json,
}

/// <summary>Picks the renderer for a format.</summary>
public static class AuditRenderer
{
    /// <summary>Renders the report; paths are shown relative to <paramref name="baseDirectory"/> when under it.</summary>
    public static string Render(AuditReport report, AuditFormat format, string baseDirectory)
    {
        var paths = new PathDisplay(baseDirectory);
        return format switch
        {
            AuditFormat.Markdown => MarkdownAuditRenderer.Render(report, paths),
            AuditFormat.Json => JsonAuditRenderer.Render(report, paths),
            _ => TextAuditRenderer.Render(report, paths),
        };
    }

    public static bool TryParse(string? text, out AuditFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "text" or "txt":
                format = AuditFormat.Text;
                return true;
            case "md" or "markdown":
                format = AuditFormat.Markdown;
                return true;
            case "json":
                format = AuditFormat.Json;
                return true;
            default:
                format = AuditFormat.Text;
                return false;
        }
    }
}

/// <summary>A source location as a reviewer reads it: the path relative to the base folder when it lies below it.</summary>
public sealed class PathDisplay(string baseDirectory)
{
    private readonly string _base = Path.GetFullPath(baseDirectory);

    public string File(string path)
    {
        var relative = Path.GetRelativePath(_base, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    public string At(Sarif.SourceSpan? span) => span is null ? "(no location)" : $"{File(span.File)}({span.StartLine},{span.StartColumn})";
}
