using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Runtime.Connection;
using OrgScope.Runtime.Constraints;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary>
/// <c>orgscope constrain</c>: all or nothing. Refused (NULLs, orphans, a table too big for a direct ALTER): every
/// blocking table with what to run, exit 1, nothing altered. A step failed: what was undone, exit 5. Cancelled: undone, exit 130.
/// </summary>
internal sealed class ConstrainCommand : OrgScopeCommand
{
    public readonly Option<long?> DirectAlterLimit = TypedOptions.ByteSize("--direct-alter-limit", "SIZE",
        $"Under the Script strategy, refuse a table bigger than SIZE (e.g. 500MiB, 4GiB; 0: no limit) whose NOT NULL is still to be made: it would be rebuilt in one statement (default {ConstraintPreconditions.Size(ConstrainOptions.DefaultDirectAlterLimitBytes)})");

    public ConstrainCommand()
        : base("constrain", "Run 003 (NOT NULL, index, FK) all or nothing; refuses (exit 1), listing every table not ready")
    {
        Options.Add(DirectAlterLimit);
    }

    public override async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var options = context.Value(DirectAlterLimit) is { } limit ? ConstrainOptions.Default with { DirectAlterLimitBytes = limit } : ConstrainOptions.Default;
        var runbook = new Runbook(context.Plan, context.Settings.ConnectionString);
        var log = new SyncProgress<string>(line =>
        {
            if (output.Json)
            {
                output.Event("step", w => w.WriteString("message", line));
            }
            else
            {
                output.Line(line);
            }
        });
        var summary = await runbook.ConstrainAsync(options, log, cancellationToken).ConfigureAwait(false);

        if (summary.Blockers.Count > 0)
        {
            return Refused(context, summary.Blockers);
        }

        if (summary.Failure is { } failure)
        {
            return Failed(context, failure);
        }

        if (output.Json)
        {
            output.Event("constrained", w =>
            {
                w.WriteString("database", context.Settings.Description);
                w.WriteString("strategy", summary.Strategy);
                w.WriteStartArray("changes");
                foreach (var change in summary.Made)
                {
                    w.WriteStartObject();
                    w.WriteString("table", change.Table);
                    w.WriteString("kind", change.Kind);
                    w.WriteString("object", change.Object);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }
        else
        {
            var what = summary.ForeignKeys ? "NOT NULL with their foreign keys" : "NOT NULL with their indexes (no foreign keys: OrgScopeForeignKeys=false)";
            output.Line(summary.Made.Count == 0
                ? $"constrain: nothing to change on {context.Settings.Description}: organization columns were {what} already."
                : $"constrain: {summary.Made.Count} change(s) on {context.Settings.Description} ({Describe(summary.Made)}): organization columns are {what}.");
        }

        return ExitCodes.Ok;
    }

    private static int Refused(CommandContext context, IReadOnlyList<ConstraintBlocker> blockers)
    {
        var output = context.Output;
        var tables = blockers.Select(b => b.Table).Distinct(StringComparer.Ordinal).ToList();
        if (output.Json)
        {
            foreach (var blocker in blockers)
            {
                output.Event("blocker", w =>
                {
                    w.WriteString("table", blocker.Table);
                    w.WriteString("kind", blocker.Kind.ToString());
                    w.WriteNumber("count", blocker.Count);
                    w.WriteString("message", blocker.Message);
                });
            }
        }
        else
        {
            output.Line($"constrain refused, nothing altered: {tables.Count} of {context.Plan.Tables.Count} tables are not ready:");
            foreach (var blocker in blockers)
            {
                output.Line($"  {blocker.Table}: {blocker.Message}");
            }
        }

        throw new OperatorException(FailureKind.Refused,
            $"constrain refused, nothing altered: {string.Join(", ", tables)} {(tables.Count == 1 ? "is" : "are")} not ready ({string.Join("; ", blockers.Select(Short))}). Each is listed with what to run; run constrain again after.");
    }

    private static int Failed(CommandContext context, ConstrainFailure failure)
    {
        var output = context.Output;
        var where = $"{failure.Table} ({ConstraintRunner.StepWords(failure.Step)})";
        var undone = failure.Undone.Count == 0 ? "nothing to undo" : $"undone: {Describe(failure.Undone)}";
        var state = failure.UndoError is not null
            ? $"undoing failed too ({failure.UndoError}): the schema may be half-constrained; run scripts/orgscope/rollback-constraints.sql, which undoes what orgscope_schema_changes records"
            : failure.RestoredExactly
                ? $"{undone}; every table is as it was before this invocation"
                : $"{undone}, but a table's SHOW CREATE TABLE still differs from before this invocation: compare it and run scripts/orgscope/rollback-constraints.sql";
        if (output.Json)
        {
            output.Event("undone", w =>
            {
                w.WriteString("table", failure.Table);
                w.WriteString("step", failure.Step);
                w.WriteBoolean("restoredExactly", failure.RestoredExactly);
                w.WriteStartArray("changes");
                foreach (var change in failure.Undone)
                {
                    w.WriteStringValue($"{change.Table} {change.Kind} {change.Object}");
                }

                w.WriteEndArray();
            });
        }

        if (failure.Cancelled)
        {
            output.Failure($"cancelled before {where}: {state}.", ExitCodes.Cancelled);
            return ExitCodes.Cancelled;
        }

        output.Failure($"constrain failed at {where}: {failure.Error.TrimEnd('.')}. {char.ToUpperInvariant(state[0])}{state[1..]}.{Hint(failure)}", ExitCodes.Failed);
        return ExitCodes.Failed;
    }

    // What the error most likely means, where the server's words do not say it.
    private static string Hint(ConstrainFailure failure) =>
        failure.Step == Plan.ConstraintStepNames.NotNull && (failure.Error.Contains("NULL", StringComparison.OrdinalIgnoreCase) || failure.Error.Contains("truncated", StringComparison.OrdinalIgnoreCase))
            ? " A row with a NULL organization was written after the checks: run orgscope backfill, then constrain again."
            : " Fix the cause, then run constrain again.";

    private static string Short(ConstraintBlocker blocker) => blocker.Kind switch
    {
        BlockerKind.MissingColumn => $"{blocker.Table}: no column",
        BlockerKind.TooBigForDirectAlter => $"{blocker.Table}: too big for a direct ALTER",
        BlockerKind.Orphans => $"{blocker.Table}: {blocker.Count} orphan(s)",
        BlockerKind.BackfillNotRun => $"{blocker.Table}: {blocker.Count} NULL, not backfilled",
        BlockerKind.Unresolved => $"{blocker.Table}: {blocker.Count} NULL, unresolved",
        _ => $"{blocker.Table}: {blocker.Count} NULL, written since the backfill",
    };

    private static string Describe(IEnumerable<SchemaChange> changes) =>
        string.Join(", ", changes.Select(c => $"{c.Table} {ConstraintRunner.StepWords(c.Kind)}"));
}
