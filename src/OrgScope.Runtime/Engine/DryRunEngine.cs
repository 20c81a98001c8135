using System;
using System.Collections.Generic;
using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Plan;
using OrgScope.Shared;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// Counts, per table, the rows each source would set and the rows that would stay unresolved per reason, in the same
/// keyset batches as the real run but in READ ONLY transactions: nothing is written, not even OrgScope's own tables.
/// The dry_run statement predicts the organization of referenced rows that are still NULL, so the counts of a
/// dependent table match what the real run will do after its upstream tables.
/// </summary>
internal sealed class DryRunEngine(DbSession session, RunbookOptions options)
{
    private readonly Retry _retry = new(session, options);

    public async Task<BackfillSummary> RunAsync(IReadOnlyList<PlanTable> tables, int batchSize, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        await session.OpenAsync(cancellationToken).ConfigureAwait(false);
        var summaries = new List<TableBackfillSummary>();
        var cancelled = false;
        foreach (var table in tables)
        {
            var statements = new Statements(table);
            var timer = new BatchTimer();
            var retriesBefore = _retry.Retries;
            var set = new Dictionary<string, long>(StringComparer.Ordinal);
            var unresolved = new Dictionary<string, long>(StringComparer.Ordinal);
            object?[]? after = null;
            long done = 0, batchNo = 0;
            while (true)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }

                var watch = Stopwatch.StartNew();
                var ((keys, counts), attempts) = await _retry.RunAsync(async connection =>
                {
                    await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, isReadOnly: true).ConfigureAwait(false);
                    var parameters = new Dictionary<string, object?> { ["@batch_size"] = batchSize };
                    if (after is not null)
                    {
                        BackfillEngine.Bind(parameters, "after", after);
                    }

                    var batchKeys = await DbSession.RowsAsync(
                        connection, transaction, statements[after is null ? BackfillStatementNames.KeysFirst : BackfillStatementNames.KeysAfter], parameters).ConfigureAwait(false);
                    var rows = new List<object?[]>();
                    if (batchKeys.Count > 0)
                    {
                        BackfillEngine.Bind(parameters, "from", batchKeys[0]);
                        BackfillEngine.Bind(parameters, "to", batchKeys[^1]);
                        rows = await DbSession.RowsAsync(connection, transaction, statements[BackfillStatementNames.DryRun], parameters).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync().ConfigureAwait(false);
                    return (batchKeys, rows);
                }).ConfigureAwait(false);
                if (keys.Count == 0)
                {
                    break;
                }

                after = keys[^1];
                long batchSet = 0, batchUnresolved = 0;
                foreach (var row in counts)
                {
                    var outcome = (string)row[0]!;
                    var detail = Convert.ToString(row[1], CultureInfo.InvariantCulture) ?? "";
                    var count = Convert.ToInt64(row[2], CultureInfo.InvariantCulture);
                    var into = outcome == "set" ? set : unresolved;
                    into[detail] = into.GetValueOrDefault(detail) + count;
                    if (outcome == "set")
                    {
                        batchSet += count;
                    }
                    else
                    {
                        batchUnresolved += count;
                    }
                }

                done += keys.Count;
                batchNo++;
                timer.Add(watch.Elapsed, keys.Count);
                progress?.Report(new BatchProgress(
                    table.Table, "dry-run", null, batchNo, done, done, batchSet, batchUnresolved, timer.RowsPerSecond, null, watch.Elapsed, attempts));
            }

            summaries.Add(new TableBackfillSummary(
                table.Table, done, set.Values.Sum(), unresolved.Values.Sum(), set, unresolved, timer.Batches,
                _retry.Retries - retriesBefore, timer.Percentile(0.50), timer.Percentile(0.99), timer.Elapsed));
            if (cancelled)
            {
                break;
            }
        }

        return new BackfillSummary(null, DryRun: true, Resumed: false, cancelled, summaries, total.Elapsed);
    }
}
