namespace OrgScope.Model
{
    // The resolved, validated migration model: the single input of every emitter (SQL files, plan.md,
    // backfill SQL, the generated C# plan). Built by ModelBuilder from the per-entity specs; only built
    // when the model has no errors, so emitters never see a broken model and never emit garbage SQL.

    /// <summary>The whole migration: the organization table and the scoped tables in run (dependency) order.</summary>
    internal sealed record MigrationModel(
        OrgRootModel Root,
        EquatableArray<ScopedTableModel> Tables);

    /// <summary>The <c>[OrgRoot]</c> entity: FK target; its key's SQL type is every organization column's type.</summary>
    internal sealed record OrgRootModel(
        string EntityName,
        string Table,
        string KeyColumn,
        string KeySqlType);

    /// <summary>
    /// One <c>[OrgScoped]</c> table. <see cref="Sources"/> are in InferFrom order (first that yields wins).
    /// <see cref="DependsOn"/> lists the scoped tables whose organization this one reads (run them first).
    /// </summary>
    internal sealed record ScopedTableModel(
        string EntityName,
        string Table,
        string Column,
        string ColumnSqlType,
        EquatableArray<KeyColumnModel> Key,
        EquatableArray<SourceModel> Sources,
        ConflictPolicy OnConflict,
        EquatableArray<string> DependsOn);

    /// <summary>A primary-key column (composite keys have several, in key order).</summary>
    internal sealed record KeyColumnModel(string Column, string SqlType);

    internal enum ConflictPolicy
    {
        Report = 0,
        FirstSourceWins = 1,
    }

    internal enum SourceKind
    {
        /// <summary>A local column that holds the organization id itself (users.current_organization_id).</summary>
        OrgReference,

        /// <summary>A local column that references another scoped table: that row's organization (tasks.assigned_to -> users).</summary>
        ScopedReference,

        /// <summary>The member's primary membership: membership.organization where membership.member = local key and primary.</summary>
        Membership,
    }

    /// <summary>
    /// One inference source, resolved to columns.
    /// OrgReference: <see cref="LocalColumn"/> holds the org id; <see cref="TargetTable"/>/<see cref="TargetKeyColumn"/> are the root table and key (orphan check).
    /// ScopedReference: <see cref="LocalColumn"/> = <see cref="TargetTable"/>.<see cref="TargetKeyColumn"/>; the org is <see cref="TargetTable"/>.<see cref="TargetOrgColumn"/>.
    /// Membership: <see cref="LocalColumn"/> (this table's key) = <see cref="TargetTable"/>.<see cref="TargetKeyColumn"/> (the member column);
    /// the org is <see cref="TargetOrgColumn"/>; <see cref="PrimaryColumn"/> marks the primary membership.
    /// <see cref="Name"/> is the InferFrom entry as written (property or membership entity name).
    /// </summary>
    internal sealed record SourceModel(
        SourceKind Kind,
        string Name,
        string LocalColumn,
        string TargetTable,
        string TargetKeyColumn,
        string TargetOrgColumn,
        string? PrimaryColumn);
}
