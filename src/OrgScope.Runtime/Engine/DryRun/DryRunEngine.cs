using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Plan;
using OrgScope.Runtime.Engine.Batching;
using OrgScope.Runtime.Engine.Throttling;

namespace OrgScope.Runtime.Engine.DryRun;

/// <summary>
/// Counts, per table, the rows each source would set and the rows that would stay unresolved per reason, in the same
/// keyset batches and loop as the real run but in READ ONLY transactions: nothing is written, not even OrgScope's own
/// tables. The dry_run statement predicts the organization of referenced rows that are still NULL, so the counts of a
/// dependent table match what the real run will do after its upstream tables.
/// </summary>
internal sealed class DryRunEngine(DbSession session, RunbookOptions options, ThrottleGate gate)
{
    public async Task<BackfillSummary> RunAsync(IReadOnlyList<PlanTable> tables, int batchSize, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        await session.OpenAsync(cancellationToken).ConfigureAwait(false);
        var loopRetry = new Retry(session, options);
        var loop = new BatchLoop(loopRetry, gate, progress);
        var summaries = new List<TableBackfillSummary>();
        foreach (var table in tables)
        {
            var (estimate, _) = await loopRetry.RunAsync(c => EstimateRowsAsync(c, table.Table)).ConfigureAwait(false);
            var work = new DryRunBatch(new Statements(table), estimate);
            var timer = new BatchTimer();
            var result = await loop.RunAsync(work, BatchSizer.For(options, batchSize), timer, cancellationToken).ConfigureAwait(false);
            summaries.Add(new TableBackfillSummary(
                table.Table, timer.RowsDone, work.SetBySource.Values.Sum(), work.UnresolvedByReason.Values.Sum(), work.SetBySource, work.UnresolvedByReason,
                timer.Batches, result.Retries, timer.Percentile(0.50), timer.Percentile(0.99), timer.Elapsed));
            if (result.Cancelled)
            {
                return new BackfillSummary(null, DryRun: true, Resumed: false, Cancelled: true, summaries, total.Elapsed);
            }
        }

        return new BackfillSummary(null, DryRun: true, Resumed: false, Cancelled: false, summaries, total.Elapsed);
    }

    // The dry run visits every row of the table (the real run only its NULL rows), so progress counts against InnoDB's
    // estimate of the table's rows: fast, approximate; the loop never lets the total fall below the rows done.
    private static async Task<long> EstimateRowsAsync(MySqlConnector.MySqlConnection connection, string table) =>
        Convert.ToInt64(await DbSession.ScalarAsync(connection, null,
            "SELECT CAST(TABLE_ROWS AS SIGNED) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table",
            new Dictionary<string, object?> { ["@table"] = table }).ConfigureAwait(false) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
}
