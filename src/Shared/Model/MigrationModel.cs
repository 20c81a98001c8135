namespace OrgScope.Model
{
    // The resolved, validated migration model: the single input of every emitter (SQL files, plan.md,
    // backfill SQL, the generated C# plan). Built by ModelBuilder from the per-entity specs; only built
    // when the model has no errors, so emitters never see a broken model and never emit garbage SQL.

    /// <summary>
    /// The whole migration: the organization table and the scoped tables in run (dependency) order, and how the
    /// scripts are delivered (<see cref="Options"/>: MSBuild properties, so not part of what the entities say).
    /// </summary>
    internal sealed record MigrationModel(
        OrgRootModel Root,
        EquatableArray<ScopedTableModel> Tables)
    {
        public ScriptOptions Options { get; init; } = ScriptOptions.Default;
    }

    /// <summary>How the constraint step (003) makes each table's column NOT NULL and adds its foreign key.</summary>
    internal enum ConstraintStrategy
    {
        /// <summary>003 runs ALTER TABLE itself (ALGORITHM=INPLACE, LOCK=NONE): right for tables the server rebuilds in seconds.</summary>
        Script = 0,

        /// <summary>Per table a pt-online-schema-change command (a copy in chunks, swapped in at the end).</summary>
        PtOnlineSchemaChange = 1,

        /// <summary>Per table a gh-ost command (a copy fed from the binary log); gh-ost refuses tables with foreign keys.</summary>
        GhOst = 2,
    }

    /// <summary>
    /// The MSBuild options that shape the generated scripts: <c>OrgScopeConstraintStrategy</c>, <c>OrgScopeForeignKeys</c>
    /// (false: NOT NULL and index only, for teams on gh-ost or Spirit) and <c>OrgScopeInsertTriggers</c> (true: 004, the
    /// insert triggers for the rollout window).
    /// </summary>
    internal sealed record ScriptOptions(ConstraintStrategy ConstraintStrategy, bool ForeignKeys, bool InsertTriggers)
    {
        public static ScriptOptions Default { get; } = new(ConstraintStrategy.Script, ForeignKeys: true, InsertTriggers: false);
    }

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
