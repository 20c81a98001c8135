using System;

namespace OrgScope.Runtime;

/// <summary>Reported after every committed batch (and while throttled), for live progress and structured logs.</summary>
/// <param name="Table">The table being backfilled.</param>
/// <param name="Phase">"main" (keyset pass), "sweep" (NULL rows inserted behind the cursor), "dry-run", "rollback"; or, with no batch run, "throttled" (a throttle holds batches back) or "waiting" (a backfill worker has nothing to take: every open range of the table is another worker's, or the table waits for the tables it reads).</param>
/// <param name="RunId">The run (null for a dry run).</param>
/// <param name="BatchNumber">Batches committed for this table in this run (by this process, plus all before it started on the table).</param>
/// <param name="RowsDone">Rows scanned for this table so far (likewise: workers in other processes add theirs to theirs).</param>
/// <param name="RowsTotal">Estimated rows in the table (InnoDB statistics; at least <paramref name="RowsDone"/>).</param>
/// <param name="RowsSet">Rows given an organization in this batch.</param>
/// <param name="RowsUnresolved">Rows left for review in this batch.</param>
/// <param name="RowsPerSecond">Scan rate of this table in this invocation.</param>
/// <param name="Eta">Estimated time left for this table, when a rate is known.</param>
/// <param name="BatchDuration">Wall time of the batch's transaction, retries included.</param>
/// <param name="Attempts">1 when the batch committed first time; more after retries.</param>
/// <param name="ThrottledFor">Non-null while throttled or waiting (no batch ran): how long so far.</param>
/// <param name="ThrottleReason">While throttled: why (every throttle that says wait, joined by "; "; e.g. "server busy: Threads_running 31 is above the limit of 25").</param>
/// <param name="BatchSize">The batch size asked for (the last batch's, or the next one's while throttled).</param>
public sealed record BatchProgress(
    string Table,
    string Phase,
    long? RunId,
    long BatchNumber,
    long RowsDone,
    long RowsTotal,
    long RowsSet,
    long RowsUnresolved,
    double RowsPerSecond,
    TimeSpan? Eta,
    TimeSpan BatchDuration,
    int Attempts,
    TimeSpan? ThrottledFor = null,
    string? ThrottleReason = null,
    int BatchSize = 0);
