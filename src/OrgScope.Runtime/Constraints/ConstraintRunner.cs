using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Connection;
using OrgScope.Runtime.Engine;
using OrgScope.Runtime.Preflight;

namespace OrgScope.Runtime.Constraints;

/// <summary>
/// <c>orgscope constrain</c>, all or nothing per invocation. Before the first ALTER: one invocation at a time per
/// database (a named lock), every column pairs with the root key as a foreign key (check's rules), and every table is
/// free of NULLs and orphans (and, under the Script strategy, small enough to rebuild in one statement); otherwise it
/// lists every blocking table and alters nothing. Then it runs 003's steps table by table (the plan's
/// <see cref="PlanTable.Constraints"/>, the same text as the file; under an online strategy the tool makes the NOT NULL).
/// MySQL DDL is not transactional: if a step fails (or Ctrl+C comes) it compares every table with what it read before
/// the first step, compensates what this invocation changed, forgets its records in orgscope_schema_changes, and says
/// whether each table's SHOW CREATE TABLE is back to what it was.
/// </summary>
public sealed class ConstraintRunner(PlanDocument plan, string connectionString, ConstrainOptions? options = null)
{
    private const int LockWaitTimeout = 1205;
    private const string LogTable = "orgscope_schema_changes";

    /// <summary>One constrain per database at a time: a server-wide named lock.</summary>
    private const string LockName = "CONCAT('orgscope_constrain:', DATABASE())";

    private readonly ConstrainOptions _options = options ?? ConstrainOptions.Default;
    private readonly string _connectionString = new MySqlConnectionStringBuilder(connectionString) { AllowUserVariables = true, Pooling = false }.ConnectionString;
    private readonly string _strategy = (plan.Scripts ?? PlanScriptOptions.Default).ConstraintStrategy;

    /// <summary>Test hook: awaited before each step that may change the schema (fault injection).</summary>
    internal Func<ConstraintStepEvent, Task>? BeforeStep { get; set; }

    /// <summary>Runs the constraint step; <paramref name="log"/> hears each step as it starts (and an online tool's output).</summary>
    /// <exception cref="OperatorException">A column cannot pair with the root key (Schema), another constrain runs
    /// (Refused), or the online tool is missing (Configuration): nothing was altered.</exception>
    public async Task<ConstrainSummary> RunAsync(IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        await using var guard = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var locked = Convert.ToInt64(await DbSession.ScalarAsync(guard, null, $"SELECT GET_LOCK({LockName}, 0)", null).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (locked != 1)
        {
            throw new OperatorException(FailureKind.Refused, "constrain refused, nothing altered: another orgscope constrain is running on this database; wait for it to finish.");
        }

        try
        {
            return await RunLockedAsync(guard, log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Released here, not left to the connection's close: the server ends a closed session asynchronously, and a
            // constrain started right after (GET_LOCK with no wait) found the lock still held and was refused.
            try
            {
                await DbSession.ScalarAsync(guard, null, $"SELECT RELEASE_LOCK({LockName})", null).ConfigureAwait(false);
            }
            catch (MySqlException)
            {
                // The guard's connection is gone, and the lock with it.
            }
        }
    }

    private async Task<ConstrainSummary> RunLockedAsync(MySqlConnection guard, IProgress<string>? log, CancellationToken cancellationToken)
    {
        var foreignKeys = (plan.Scripts ?? PlanScriptOptions.Default).ForeignKeys;
        await RequireKeysPairAsync(guard, cancellationToken).ConfigureAwait(false);
        var schema = await SchemaSnapshot.ReadAsync(guard, cancellationToken).ConfigureAwait(false);
        var blockers = await ConstraintPreconditions.FindAsync(plan, guard, schema, _options, cancellationToken).ConfigureAwait(false);
        if (blockers.Count > 0)
        {
            return new ConstrainSummary(_strategy, foreignKeys, blockers, [], null);
        }

        var tool = _strategy == "Script" ? null : OnlineTool.Find(_strategy, _connectionString, _options);
        var before = new Dictionary<string, TableConstraintState>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in plan.Tables)
        {
            before[table.Table] = (await TableConstraintState.ReadAsync(guard, plan, table).ConfigureAwait(false))!;
        }

        var recordedBefore = await RecordedAsync(guard).ConfigureAwait(false);
        var position = new StepPosition();
        try
        {
            await ExecuteAsync(tool, position, log, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MySqlException or OnlineToolException or OperationCanceledException or System.IO.IOException or InvalidOperationException)
        {
            var cancelled = ex is OperationCanceledException;
            log?.Report(cancelled
                ? $"cancelled before {position.Table} ({position.Step}): undoing this invocation"
                : $"{position.Table} ({position.Step}) failed: {ex.Message.Trim()}; undoing this invocation");
            var failure = await UndoAsync(tool, before, recordedBefore, position, ex, cancelled, log).ConfigureAwait(false);
            return new ConstrainSummary(_strategy, foreignKeys, [], [], failure);
        }

        var made = (await RecordedAsync(guard).ConfigureAwait(false)).Except(recordedBefore).ToList();
        return new ConstrainSummary(_strategy, foreignKeys, [], Ordered(made), null);
    }

    // check's foreign key rules, so that a type that cannot pair stops here rather than at the foreign key's ALTER.
    private async Task RequireKeysPairAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var report = await PreflightCheck.RunAsync(plan, connection, PreflightCheck.DefaultRowsPerSecond, cancellationToken).ConfigureAwait(false);
        if (report.ErrorLine() is { } error)
        {
            throw new OperatorException(FailureKind.Schema, $"constrain refused, nothing altered: {error}");
        }
    }

    private async Task ExecuteAsync(OnlineTool? tool, StepPosition position, IProgress<string>? log, CancellationToken cancellationToken)
    {
        await using var session = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await DbSession.ExecuteAsync(session, null,
            "SET SESSION lock_wait_timeout = " + _options.DdlLockWaitTimeoutSeconds.ToString(CultureInfo.InvariantCulture), null).ConfigureAwait(false);
        await DbSession.ExecuteAsync(session, null, plan.ConstraintsPrelude!, null).ConfigureAwait(false);
        foreach (var table in plan.Tables)
        {
            if (tool is not null)
            {
                await OnlineNotNullAsync(session, tool, table, position, log, cancellationToken).ConfigureAwait(false);
            }

            foreach (var step in new[] { ConstraintStepNames.NotNull, ConstraintStepNames.Index, ConstraintStepNames.ForeignKey })
            {
                if (!table.Constraints.TryGetValue(step, out var sql))
                {
                    continue;
                }

                await BeginStepAsync(session, table.Table, step, position, log, cancellationToken).ConfigureAwait(false);
                await WithLockRetriesAsync(() => DbSession.ExecuteAsync(session, null, sql, null)).ConfigureAwait(false);
            }
        }
    }

    private async Task OnlineNotNullAsync(MySqlConnection session, OnlineTool tool, PlanTable table, StepPosition position, IProgress<string>? log, CancellationToken cancellationToken)
    {
        var needed = Convert.ToInt64(await DbSession.ScalarAsync(session, null, table.Constraints[ConstraintStepNames.NeedsNotNull], null).ConfigureAwait(false), CultureInfo.InvariantCulture) == 1;
        if (!needed)
        {
            return;
        }

        await BeginStepAsync(session, table.Table, ConstraintStepNames.NotNull, position, log, cancellationToken).ConfigureAwait(false);
        await tool.RunAsync(table.Table, table.Constraints[ConstraintStepNames.NotNullClause], line => log?.Report($"  {tool.Name}: {line}")).ConfigureAwait(false);
        await DbSession.ExecuteAsync(session, null, table.Constraints[ConstraintStepNames.RecordNotNull], null).ConfigureAwait(false);
    }

    // Cancellation is honoured between steps only: an ALTER (or a tool) stopped half way is worse than one finished
    // and then undone.
    private async Task BeginStepAsync(MySqlConnection session, string table, string step, StepPosition position, IProgress<string>? log, CancellationToken cancellationToken)
    {
        position.Table = table;
        position.Step = step;
        cancellationToken.ThrowIfCancellationRequested();
        log?.Report($"{table}: {StepWords(step)}");
        if (BeforeStep is not null)
        {
            await BeforeStep(new ConstraintStepEvent(table, step, session.ServerThread)).ConfigureAwait(false);
        }
    }

    // A step that queued too long for the table's metadata lock changed nothing; each step re-checks INFORMATION_SCHEMA,
    // so running it again is safe.
    private async Task WithLockRetriesAsync(Func<Task> step)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step().ConfigureAwait(false);
                return;
            }
            catch (MySqlException ex) when ((int)ex.ErrorCode == LockWaitTimeout && attempt < _options.DdlAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt)).ConfigureAwait(false);
            }
        }
    }

    private async Task<ConstrainFailure> UndoAsync(
        OnlineTool? tool,
        Dictionary<string, TableConstraintState> before,
        HashSet<SchemaChange> recordedBefore,
        StepPosition position,
        Exception error,
        bool cancelled,
        IProgress<string>? log)
    {
        var undone = new List<SchemaChange>();
        string? undoError = null;
        var restored = false;
        try
        {
            // A new session: the one that failed may be gone (a lost connection, a KILL).
            await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var table in plan.Tables.Reverse())
            {
                var now = await TableConstraintState.ReadAsync(connection, plan, table).ConfigureAwait(false);
                if (now is null)
                {
                    continue;
                }

                foreach (var step in before[table.Table].UndoFrom(now))
                {
                    log?.Report($"{table.Table}: undo {step.Change.Kind} {step.Change.Object}");
                    if (step.OnlineClause is not null && tool is not null)
                    {
                        await tool.RunAsync(table.Table, step.OnlineClause, line => log?.Report($"  {tool.Name}: {line}")).ConfigureAwait(false);
                    }
                    else
                    {
                        await WithLockRetriesAsync(() => DbSession.ExecuteAsync(connection, null, step.Sql, null)).ConfigureAwait(false);
                    }

                    undone.Add(step.Change);
                }
            }

            foreach (var record in (await RecordedAsync(connection).ConfigureAwait(false)).Except(recordedBefore))
            {
                await DbSession.ExecuteAsync(connection, null,
                    $"DELETE FROM `{LogTable}` WHERE `table_name` = @t AND `change_kind` = @k AND `object_name` = @o",
                    new Dictionary<string, object?> { ["@t"] = record.Table, ["@k"] = record.Kind, ["@o"] = record.Object }).ConfigureAwait(false);
            }

            restored = true;
            foreach (var table in plan.Tables)
            {
                restored &= await TableConstraintState.CreateTableAsync(connection, table.Table).ConfigureAwait(false) == before[table.Table].CreateTable;
            }
        }
        catch (Exception ex) when (ex is MySqlException or OnlineToolException or System.IO.IOException or InvalidOperationException)
        {
            undoError = ex.Message.Trim();
        }

        return new ConstrainFailure(position.Table, position.Step, error.Message.Trim(), cancelled, Ordered(undone), restored, undoError);
    }

    private async Task<HashSet<SchemaChange>> RecordedAsync(MySqlConnection connection)
    {
        var exists = Convert.ToInt64(await DbSession.ScalarAsync(connection, null,
            $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{LogTable}'", null).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        if (!exists)
        {
            return [];
        }

        var rows = await DbSession.RowsAsync(connection, null, $"SELECT `table_name`, `change_kind`, `object_name` FROM `{LogTable}`", null).ConfigureAwait(false);
        return rows.Select(r => new SchemaChange(Text(r[0]), Text(r[1]), Text(r[2]))).ToHashSet();

        static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
    }

    // In plan order, and per table in the order 003 makes them.
    private List<SchemaChange> Ordered(IEnumerable<SchemaChange> changes)
    {
        var tables = plan.Tables.Select((t, i) => (t.Table, i)).ToDictionary(x => x.Table, x => x.i, StringComparer.OrdinalIgnoreCase);
        string[] kinds = ["not_null", "index", "foreign_key"];
        return changes
            .OrderBy(c => tables.GetValueOrDefault(c.Table, int.MaxValue))
            .ThenBy(c => Array.IndexOf(kinds, c.Kind))
            .ThenBy(c => c.Object, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>"NOT NULL", "index", "foreign key": a step in words.</summary>
    public static string StepWords(string step) => step switch
    {
        ConstraintStepNames.NotNull => "NOT NULL",
        ConstraintStepNames.ForeignKey => "foreign key",
        _ => step,
    };

    private sealed class StepPosition
    {
        public string Table { get; set; } = "";

        public string Step { get; set; } = "";
    }
}
