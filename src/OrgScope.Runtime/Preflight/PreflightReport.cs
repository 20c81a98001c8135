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

    /// <summary>The sum of the per-table estimates.</summary>
    public TimeSpan EstimatedTotal => TimeSpan.FromTicks(Tables.Sum(t => t.EstimatedTime.Ticks));
}
