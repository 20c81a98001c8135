namespace OrgScope.Runtime.Constraints;

/// <summary>Why a table cannot be constrained yet; each says what to run.</summary>
public enum BlockerKind
{
    /// <summary>The organization column does not exist: migrate has not run.</summary>
    MissingColumn,

    /// <summary>NULL rows, and no finished backfill of the table: the backfill has not run (or not to the end).</summary>
    BackfillNotRun,

    /// <summary>NULL rows the backfill recorded in orgscope_unresolved: a person must decide them.</summary>
    Unresolved,

    /// <summary>NULL rows nobody recorded after a finished backfill: the old code wrote them since.</summary>
    WrittenSince,

    /// <summary>Rows whose organization is not in the organization table.</summary>
    Orphans,

    /// <summary>Too big for a direct ALTER on this server: the NOT NULL rebuild needs an online tool.</summary>
    TooBigForDirectAlter,
}

/// <summary>One table that stops <c>constrain</c> before its first ALTER, with the count and the way out.</summary>
public sealed record ConstraintBlocker(string Table, BlockerKind Kind, long Count, string Message);
