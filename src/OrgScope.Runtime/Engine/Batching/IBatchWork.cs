using System.Threading.Tasks;
using MySqlConnector;

namespace OrgScope.Runtime.Engine.Batching;

/// <summary>
/// What a batch-driven command does to one table, one batch at a time (backfill, dry run, rollback); the loop around it
/// (<see cref="BatchLoop"/>: throttles, retries, timing, progress, cancellation) is the same for every command.
/// </summary>
internal interface IBatchWork
{
    string Table { get; }

    long? RunId { get; }

    /// <summary>Rows the work expects to visit, for progress totals and ETA; 0 when unknown.</summary>
    long EstimatedRows { get; }

    /// <summary>
    /// Runs one batch of at most <paramref name="batchSize"/> rows in its own transaction on <paramref name="connection"/>,
    /// committed before it returns. It may be run again after a failure (deadlock, lost connection, an ambiguous
    /// COMMIT), so it keeps any state of its own only once its transaction committed.
    /// </summary>
    Task<BatchStep> NextAsync(MySqlConnection connection, int batchSize);
}

/// <summary>What one committed batch did.</summary>
/// <param name="End">No batch left: the work is done (nothing else is meaningful).</param>
/// <param name="Rows">Rows the batch visited; 0 with <paramref name="End"/> false: a step that only moved the work on (a phase change).</param>
internal readonly record struct BatchStep(bool End, string Phase, int Rows, long Set, long Unresolved)
{
    public static BatchStep Finished => new(End: true, "", 0, 0, 0);
}
