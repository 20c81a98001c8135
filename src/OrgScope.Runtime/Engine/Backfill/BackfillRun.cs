using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Plan;
using OrgScope.Runtime.Engine.Batching;
using OrgScope.Runtime.Engine.Throttling;

namespace OrgScope.Runtime.Engine.Backfill;

/// <summary>
/// What the workers of one process share in a run: the run, its tables (plan order) and their dependencies, the
/// liveness lock, the throttle gate, progress, and per table the timer and estimate of this process.
/// </summary>
internal sealed class BackfillRun(
    long runId,
    IReadOnlyList<PlanTable> tables,
    BackfillOptions backfill,
    RunbookOptions options,
    WorkerLiveness liveness,
    ThrottleGate gate,
    StatementSource statementSource,
    IProgress<BatchProgress>? progress,
    Func<StatementEvent, Task>? beforeStatement)
{
    private readonly Dictionary<string, TableState> _states = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _statesLock = new(1, 1);

    public long RunId => runId;

    public IReadOnlyList<PlanTable> Tables => tables;

    public BackfillOptions Backfill => backfill;

    public RunbookOptions Options => options;

    public WorkerLiveness Liveness => liveness;

    public ThrottleGate Gate => gate;

    public Func<StatementEvent, Task>? BeforeStatement => beforeStatement;

    /// <summary>Progress from every worker, one report at a time, repeated waits once per delay (<see cref="SharedProgress"/>).</summary>
    public IProgress<BatchProgress>? Progress { get; } = progress is null ? null : new SharedProgress(progress, options.ThrottleDelay);

    /// <summary>The tables of this run a table's sources read from (they must be done before it starts).</summary>
    public IEnumerable<string> DependenciesOf(PlanTable table) =>
        table.DependsOn.Where(d => tables.Any(t => string.Equals(t.Table, d, StringComparison.OrdinalIgnoreCase)));

    /// <summary>This process's state of a table, made on first use (the estimate, and where the run stands on it).</summary>
    public async Task<TableState> StateAsync(PlanTable table, Retry retry)
    {
        await _statesLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_states.TryGetValue(table.Table, out var state))
            {
                var (statements, _) = await retry.RunAsync(c => statementSource.ForAsync(c, table)).ConfigureAwait(false);
                var (estimate, _) = await retry.RunAsync(c => BackfillBatch.EstimateRowsAsync(c, statements)).ConfigureAwait(false);
                var ((rows, batches), _) = await retry.RunAsync(c => RangeStore.DoneAsync(c, runId, table.Table)).ConfigureAwait(false);
                state = _states[table.Table] = new TableState(statements, estimate, new BatchTimer(rows, batches));
            }

            return state;
        }
        finally
        {
            _statesLock.Release();
        }
    }

    public TableState? StateOf(string table) => _states.GetValueOrDefault(table);
}

/// <summary>One table in this process: its statements, the estimate of its rows, its timer and retries (all workers).</summary>
internal sealed class TableState(Statements statements, long estimate, BatchTimer timer)
{
    private int _retries;

    public Statements Statements => statements;

    public long Estimate => estimate;

    public BatchTimer Timer => timer;

    public int Retries => Volatile.Read(ref _retries);

    public void AddRetries(int retries) => Interlocked.Add(ref _retries, retries);
}
