using System;

namespace OrgScope.Runtime.Connection;

/// <summary>What kind of problem stopped a command; the command line maps each kind to one exit code.</summary>
public enum FailureKind
{
    /// <summary>The command was refused: validation failed, constraints refused (exit 1).</summary>
    Refused,

    /// <summary>The command line itself is wrong (exit 2).</summary>
    Usage,

    /// <summary>No usable connection or plan: settings, credentials, host, database, assembly (exit 3).</summary>
    Configuration,

    /// <summary>The database does not have the shape the plan expects: missing table or column, wrong type (exit 4).</summary>
    Schema,
}

/// <summary>
/// A failure an operator can fix, carrying one line that says what is wrong and how to fix it.
/// The message never contains the password (it is built from redacted parts only).
/// </summary>
public sealed class OperatorException(FailureKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What kind of problem this is.</summary>
    public FailureKind Kind { get; } = kind;
}
