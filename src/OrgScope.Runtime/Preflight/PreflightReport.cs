using System;
using System.Collections.Generic;
using System.Linq;

namespace OrgScope.Runtime.Preflight;

/// <summary>How serious a finding is: errors stop the runbook (exit 4), warnings are worth fixing first.</summary>
public enum Severity
{
    /// <summary>For information.</summary>
    Info,

    /// <summary>The run works, but slower or riskier than it should.</summary>
    Warning,

    /// <summary>The run cannot work against this schema.</summary>
    Error,
}

/// <summary>One thing <c>check</c> found, with the statement that fixes it when there is one.</summary>
public sealed record Finding(Severity Severity, string Table, string Message, string? Fix = null);

/// <summary>A scoped table's size and the time its backfill may take.</summary>
public sealed record TableEstimate(string Table, long EstimatedRows, TimeSpan EstimatedTime);

/// <summary>The result of <c>check</c>.</summary>
public sealed record PreflightReport(
    ServerInfo Server,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<TableEstimate> Tables,
    double AssumedRowsPerSecond)
{
    /// <summary>Whether any finding is an error.</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    /// <summary>
    /// The first error with its fix, and how many more there are, as one line ("... Fix: .... (and 2 more: run orgscope
    /// check)"); null when there is no error. What a command that writes says when the schema stops it.
    /// </summary>
    public string? ErrorLine()
    {
        var errors = Findings.Where(f => f.Severity == Severity.Error).ToList();
        if (errors.Count == 0)
        {
            return null;
        }

        var fix = errors[0].Fix is { } f ? $" Fix: {f.TrimEnd('.', ';')}." : "";
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more: run orgscope check)" : "";
        return errors[0].Message + fix + more;
    }

    /// <summary>The sum of the per-table estimates.</summary>
    public TimeSpan EstimatedTotal => TimeSpan.FromTicks(Tables.Sum(t => t.EstimatedTime.Ticks));
}
