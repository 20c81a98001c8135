namespace OrgScope.Runtime.CommandLine;

/// <summary>The exit codes of <c>orgscope</c> (documented in docs/cli.md; scripts and CI branch on them).</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Validation failed, or the database refused (constrain while NULLs or orphans remain).</summary>
    public const int Refused = 1;

    /// <summary>The command line is wrong: unknown command or option, missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>Connection or configuration: no/invalid settings, wrong password, unknown host, refused, unknown database, no plan in the assembly.</summary>
    public const int Configuration = 3;

    /// <summary>The schema does not match the plan: missing table or column, a column of the wrong type.</summary>
    public const int Schema = 4;

    /// <summary>An unexpected failure (a database error not listed above, a bug); the message says which.</summary>
    public const int Failed = 5;

    /// <summary>Cancelled with Ctrl+C (or SIGTERM) after the batch in flight was committed; the next run resumes.</summary>
    public const int Cancelled = 130;
}
