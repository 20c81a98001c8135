using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Connection;
using OrgScope.Runtime.Constraints;
using OrgScope.Runtime.Engine;
using OrgScope.Runtime.Engine.Backfill;
using OrgScope.Runtime.Engine.DryRun;
using OrgScope.Runtime.Engine.Follow;
using OrgScope.Runtime.Engine.Rollback;
using OrgScope.Runtime.Engine.Throttling;

namespace OrgScope.Runtime;

/// <summary>
/// The runbook's engine, as the CLI (or an app hosting it) uses it: <c>migrate</c>, <c>backfill</c> (dry run, resume,
/// restart, cancel), <c>rollback --run</c>. Every statement it runs per table is the plan's generated SQL.
/// </summary>
public sealed class Runbook
{
    private readonly PlanDocument _plan;
    private readonly string _connectionString;
    private readonly RunbookOptions _options;

    public Runbook(PlanDocument plan, string connectionString, RunbookOptions? options = null)
    {
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _connectionString = connectionString ?? throw new ArgumentNullException(nameof(connectionString));
        _options = options ?? RunbookOptions.Default;
    }

    /// <summary>Test hook: awaited before each batch statement of a real backfill and of <c>--follow</c> (fault injection: locks, deadlocks, KILL; counting sweeps).</summary>
    internal Func<StatementEvent, Task>? BeforeStatement { get; set; }

    /// <summary>The name of the plan file <see cref="MigrateAsync"/> runs.</summary>
    public const string ColumnsScriptPrefix = "001-";

    /// <summary>
    /// Creates OrgScope's own tables (IF NOT EXISTS) and runs the plan's 001 script (idempotent), then 004 (the insert
    /// triggers) when the plan carries it (OrgScopeInsertTriggers=true). Safe to repeat.
    /// </summary>
    /// <exception cref="OperatorException">The plan carries no 001 script.</exception>
    public async Task<MigrateSummary> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var script = _plan.Files?.FirstOrDefault(f => f.Name.StartsWith(ColumnsScriptPrefix, StringComparison.Ordinal));
        var created = await CreateOrgScopeTablesAsync(cancellationToken).ConfigureAwait(false);
        if (script is null)
        {
            throw new OperatorException(
                FailureKind.Configuration,
                "The plan carries no 001-add-organization-id-columns.sql: rebuild the app with an OrgScope version that generates it.");
        }

        // 001 uses user variables for its INFORMATION_SCHEMA-guarded PREPAREs.
        var builder = new MySqlConnectionStringBuilder(_connectionString) { AllowUserVariables = true, Pooling = false };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new MySqlCommand(script.Content, connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // The insert triggers (opt-in: the plan carries 004 only then) need the columns 001 just made.
        var triggers = _plan.Files?.FirstOrDefault(f => f.Name.StartsWith(InsertTriggersScriptPrefix, StringComparison.Ordinal));
        if (triggers is not null)
        {
            await using var command = new MySqlCommand(triggers.Content, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new MigrateSummary(script.Name, created, triggers?.Name);
    }

    /// <summary>The plan file of the insert triggers, which <see cref="MigrateAsync"/> runs after 001 when the plan has it.</summary>
    public const string InsertTriggersScriptPrefix = "004-";

    /// <summary>Creates orgscope_runs, orgscope_checkpoints, orgscope_audit, orgscope_unresolved when missing; returns those it created.</summary>
    internal async Task<IReadOnlyList<string>> CreateOrgScopeTablesAsync(CancellationToken cancellationToken = default)
    {
        await using var session = new DbSession(_connectionString, _options);
        var connection = await session.OpenAsync(cancellationToken).ConfigureAwait(false);
        await AuditLayout.ReplaceEmptyPerRowTableAsync(connection).ConfigureAwait(false);
        var before = await RunStore.ExistingAsync(connection).ConfigureAwait(false);
        foreach (var (_, ddl) in OrgScopeTables.Ddl)
        {
            await DbSession.ExecuteAsync(connection, null, ddl, null).ConfigureAwait(false);
        }

        return OrgScopeTables.All.Where(t => !before.Contains(t)).ToList();
    }

    /// <summary>
    /// Backfills the plan's tables (or <see cref="BackfillOptions.Tables"/>) in plan order. Cancellation finishes the
    /// batch in flight, commits its checkpoint and returns with <see cref="BackfillSummary.Cancelled"/> set; the next
    /// call resumes. A dry run writes nothing.
    /// </summary>
    /// <exception cref="OperatorException">Unknown table, bad batch size, OrgScope tables missing (run migrate).</exception>
    public async Task<BackfillSummary> BackfillAsync(BackfillOptions? options = null, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new BackfillOptions();
        RequireValidBatching(options.BatchSize);
        if (options.Workers < 1 || options.RangeRows < 1 || options.LeaseTimeout <= TimeSpan.Zero)
        {
            throw new OperatorException(
                FailureKind.Usage, $"Workers, rows per range and the lease timeout must be positive (got {options.Workers}, {options.RangeRows}, {options.LeaseTimeout.TotalSeconds} s).");
        }

        var tables = SelectTables(options.Tables);
        await using var session = new DbSession(_connectionString, _options);
        await using var throttle = Throttles.Create(_connectionString, _options, writes: !options.DryRun);
        return options.DryRun
            ? await new DryRunEngine(session, _options, throttle).RunAsync(tables, options.BatchSize, progress, cancellationToken).ConfigureAwait(false)
            : await new BackfillEngine(_connectionString, session, _options, throttle, new StatementSource(_plan), BeforeStatement).RunAsync(tables, options, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>backfill --follow</c>: after the backfill, sweeps every table's new NULL rows (the old code's inserts) every
    /// <see cref="FollowOptions.Interval"/> until <paramref name="cancellationToken"/> is cancelled, in a run of its own
    /// (audited, undone by <see cref="RollbackAsync"/>). Returns that run's totals when stopped.
    /// </summary>
    public async Task<BackfillSummary> FollowAsync(FollowOptions? follow = null, IReadOnlyList<string>? tables = null, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        follow ??= new FollowOptions();
        RequireValidBatching(follow.BatchSize);
        if (follow.Interval <= TimeSpan.Zero)
        {
            throw new OperatorException(FailureKind.Usage, $"The follow interval must be positive (got {follow.Interval.TotalSeconds} s).");
        }

        await using var session = new DbSession(_connectionString, _options);
        await using var throttle = Throttles.Create(_connectionString, _options, writes: true);
        return await new FollowEngine(_connectionString, session, _options, throttle, BeforeStatement).RunAsync(SelectTables(tables), follow, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the constraint step (003), all or nothing: refuses, altering nothing, while any table has NULLs or orphans
    /// (listing every one, <see cref="ConstrainSummary.Blockers"/>); undoes this invocation if a step fails
    /// (<see cref="ConstrainSummary.Failure"/>).
    /// </summary>
    public Task<ConstrainSummary> ConstrainAsync(ConstrainOptions? options = null, IProgress<string>? log = null, CancellationToken cancellationToken = default) =>
        new ConstraintRunner(_plan, _connectionString, options) { BeforeStep = BeforeConstraintStep }.RunAsync(log, cancellationToken);

    /// <summary>Test hook: awaited before each constraint step that may change the schema.</summary>
    internal Func<ConstraintStepEvent, Task>? BeforeConstraintStep { get; set; }

    /// <summary>
    /// Restores the values run <paramref name="runId"/> wrote, only where they are still the values it wrote; rows
    /// changed since are reported in <see cref="TableRollbackSummary.ChangedSince"/>, never clobbered. Throttled like the
    /// backfill (it writes production rows in the same way), in the backfill's own batches: one audit row each.
    /// </summary>
    /// <param name="batchSize">Kept for callers of earlier versions; a rollback batch is one backfill batch whatever its value.</param>
    public async Task<RollbackSummary> RollbackAsync(long runId, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default, int batchSize = BackfillOptions.DefaultBatchSize)
    {
        RequireValidBatching(batchSize);
        await using var session = new DbSession(_connectionString, _options);
        await using var throttle = Throttles.Create(_connectionString, _options, writes: true);
        return await new RollbackEngine(session, _options, throttle, new StatementSource(_plan)).RunAsync(_plan.Tables, runId, batchSize, progress, cancellationToken).ConfigureAwait(false);
    }

    private void RequireValidBatching(int batchSize)
    {
        if (batchSize <= 0)
        {
            throw new OperatorException(FailureKind.Usage, $"Batch size must be positive (got {batchSize}).");
        }

        if (_options.TargetBatchTime < TimeSpan.Zero)
        {
            throw new OperatorException(FailureKind.Usage, $"The target batch time must be positive, or zero for a fixed batch size (got {_options.TargetBatchTime.TotalMilliseconds} ms).");
        }

        if (_options.TargetBatchTime > TimeSpan.Zero && (_options.MinBatchSize < 1 || _options.MaxBatchSize < _options.MinBatchSize))
        {
            throw new OperatorException(
                FailureKind.Usage, $"Batch size bounds must satisfy 1 <= minimum <= maximum (got {_options.MinBatchSize}..{_options.MaxBatchSize}).");
        }
    }

    private List<PlanTable> SelectTables(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return _plan.Tables.ToList();
        }

        var unknown = names.Where(n => _plan.Tables.All(t => !string.Equals(t.Table, n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new OperatorException(
                FailureKind.Usage,
                $"Unknown table(s) {string.Join(", ", unknown)}; the plan's tables are {string.Join(", ", _plan.Tables.Select(t => t.Table))}.");
        }

        return _plan.Tables.Where(t => names.Any(n => string.Equals(n, t.Table, StringComparison.OrdinalIgnoreCase))).ToList();
    }
}
