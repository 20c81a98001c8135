namespace OrgScope.Audit.Sarif;

/// <summary>A place in a source file as SARIF gives it (1-based lines and columns; the end column is exclusive).</summary>
public sealed record SourceSpan(string File, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>Whether <paramref name="other"/> lies inside this span (same file).</summary>
    public bool Contains(SourceSpan other) =>
        string.Equals(File, other.File, StringComparison.Ordinal)
        && (StartLine, StartColumn).CompareTo((other.StartLine, other.StartColumn)) <= 0
        && (other.EndLine, other.EndColumn).CompareTo((EndLine, EndColumn)) <= 0;

    /// <summary>How much text the span covers, to pick the innermost of nested spans.</summary>
    public (int Lines, int Columns) Size => (EndLine - StartLine, EndColumn - StartColumn);

    public override string ToString() => $"{File}({StartLine},{StartColumn})";
}

/// <summary>One OrgScope result of a SARIF log: the rule, where, the message, whether it is suppressed, and its properties.</summary>
public sealed record SarifResult(
    string RuleId,
    string Message,
    SourceSpan? Location,
    bool Suppressed,
    string? SuppressionType,
    IReadOnlyDictionary<string, string> Properties,
    SourceSpan? RelatedLocation)
{
    public string? Property(string name) => Properties.TryGetValue(name, out var value) ? value : null;

    public int IntProperty(string name) => int.TryParse(Property(name), out var value) ? value : 0;
}
