namespace OrgScope.Plan;

/// <summary>
/// The names of a table's constraint steps in <see cref="PlanTable.Constraints"/>: the statements of 003, one step each,
/// which <c>orgscope constrain</c> runs one by one (and undoes as a whole when one fails).
/// </summary>
public static class ConstraintStepNames
{
    /// <summary>SELECT: rows whose organization column is NULL.</summary>
    public const string NullCount = "null_count";

    /// <summary>SELECT: rows whose organization is not a row of the organization table.</summary>
    public const string OrphanCount = "orphan_count";

    /// <summary>The guarded <c>MODIFY ... NOT NULL</c> and its record (the Script strategy only).</summary>
    public const string NotNull = "not_null";

    /// <summary>The guarded index on the column and its record.</summary>
    public const string Index = "index";

    /// <summary>The guarded foreign key to the organization table and its record (absent when foreign keys are off).</summary>
    public const string ForeignKey = "foreign_key";

    /// <summary>SELECT 1 when the column is still nullable: an online strategy's tool must run for this table.</summary>
    public const string NeedsNotNull = "needs_not_null";

    /// <summary>The ALTER clause an online tool applies: <c>MODIFY COLUMN `c` TYPE NOT NULL</c>.</summary>
    public const string NotNullClause = "not_null_clause";

    /// <summary>Records the NOT NULL an online tool made, after it succeeded.</summary>
    public const string RecordNotNull = "record_not_null";
}
