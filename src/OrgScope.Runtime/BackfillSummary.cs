using System;
using System.Collections.Generic;

namespace OrgScope.Runtime;

/// <summary>What a backfill did (or, for a dry run, would do).</summary>
/// <param name="RunId">The run written to orgscope_runs (null for a dry run).</param>
/// <param name="Resumed">True when an unfinished run was continued.</param>
/// <param name="Cancelled">True when cancellation stopped the run after a committed batch; the next backfill resumes it.</param>
public sealed record BackfillSummary(
    long? RunId,
    bool DryRun,
    bool Resumed,
    bool Cancelled,
    IReadOnlyList<TableBackfillSummary> Tables,
    TimeSpan Elapsed);

/// <summary>One table's outcome.</summary>
/// <param name="RowsScanned">Rows visited by this invocation.</param>
/// <param name="RowsSet">Rows given an organization (dry run: would be).</param>
/// <param name="RowsUnresolved">Rows left NULL for review (dry run: would be). For a real run: the table's rows in orgscope_unresolved for this run.</param>
/// <param name="SetBySource">Rows set per source name (the audit's source; for a real run, over the whole run).</param>
/// <param name="UnresolvedByReason">Rows unresolved per reason.</param>
/// <param name="BatchP50">Median batch transaction time of this invocation.</param>
/// <param name="BatchP99">99th percentile batch transaction time of this invocation.</param>
public sealed record TableBackfillSummary(
    string Table,
    long RowsScanned,
    long RowsSet,
    long RowsUnresolved,
    IReadOnlyDictionary<string, long> SetBySource,
    IReadOnlyDictionary<string, long> UnresolvedByReason,
    int Batches,
    int Retries,
    TimeSpan BatchP50,
    TimeSpan BatchP99,
    TimeSpan Elapsed);
