using System.Collections.Generic;

namespace OrgScope.Runtime.Constraints;

/// <summary>
/// What <c>orgscope constrain</c> did. Refused (<see cref="Blockers"/> not empty): nothing was altered. Failed
/// (<see cref="Failure"/> set): a step failed and the invocation's changes were undone. Otherwise <see cref="Made"/>
/// lists what it changed (empty when every table was constrained already).
/// </summary>
public sealed record ConstrainSummary(
    string Strategy,
    bool ForeignKeys,
    IReadOnlyList<ConstraintBlocker> Blockers,
    IReadOnlyList<SchemaChange> Made,
    ConstrainFailure? Failure);

/// <summary>
/// A step that failed (or a cancellation between steps), and how the invocation was undone. <see cref="RestoredExactly"/>:
/// every table's SHOW CREATE TABLE is what it was before the invocation. <see cref="UndoError"/>: undoing failed too.
/// </summary>
public sealed record ConstrainFailure(
    string Table,
    string Step,
    string Error,
    bool Cancelled,
    IReadOnlyList<SchemaChange> Undone,
    bool RestoredExactly,
    string? UndoError);

/// <summary>A constraint step about to run (for fault-injection tests): table, step name, and the session that runs it.</summary>
internal sealed record ConstraintStepEvent(string Table, string Step, long ServerThreadId);
