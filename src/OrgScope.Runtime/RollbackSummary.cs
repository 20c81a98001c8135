using System.Collections.Generic;

namespace OrgScope.Runtime;

/// <summary>What <c>rollback --run ID</c> restored and what it left alone.</summary>
public sealed record RollbackSummary(long RunId, IReadOnlyList<TableRollbackSummary> Tables);

/// <summary>One table: values restored, rows the app changed since (left alone), audited rows no longer present.</summary>
public sealed record TableRollbackSummary(
    string Table,
    long Audited,
    long Restored,
    IReadOnlyList<ChangedRow> ChangedSince,
    long Missing);

/// <summary>A row whose value is no longer the one the run wrote: reported, never clobbered.</summary>
public sealed record ChangedRow(string RowKey, string? CurrentValue, string? WrittenValue);
