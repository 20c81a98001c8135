namespace OrgScope.Runtime.Preflight;

/// <summary>The exact statement an operator can paste to add a missing single-column index online.</summary>
public static class IndexAdvice
{
    private const int MaxIdentifierLength = 64;

    /// <summary>The index name OrgScope suggests: <c>ix_{table}_{column}</c>, cut to MySQL's 64 characters.</summary>
    public static string IndexName(string table, string column)
    {
        var name = $"ix_{table}_{column}";
        return name.Length <= MaxIdentifierLength ? name : name[..MaxIdentifierLength];
    }

    /// <summary>
    /// <c>CREATE INDEX `ix_t_c` ON `t` (`c`) ALGORITHM=INPLACE LOCK=NONE;</c> — INPLACE/NONE so that building it
    /// does not block the app's writes (the server refuses rather than silently locking).
    /// </summary>
    public static string CreateIndex(string table, string column) =>
        $"CREATE INDEX `{IndexName(table, column)}` ON `{table}` (`{column}`) ALGORITHM=INPLACE LOCK=NONE;";
}
