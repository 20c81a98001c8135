namespace OrgScope.Shared
{
    /// <summary>
    /// The names of the per-table backfill statements in the plan (<c>PlanTable.Backfill</c>): the contract between the
    /// renderer and OrgScope.Runtime, documented in docs/backfill.md; linked into both so they cannot drift.
    /// Renaming one breaks every built plan.
    /// </summary>
    internal static class BackfillStatementNames
    {
        public const string KeysFirst = "keys_first";
        public const string KeysAfter = "keys_after";
        public const string NullKeysFirst = "null_keys_first";
        public const string NullKeysAfter = "null_keys_after";
        public const string FollowKeysFirst = "follow_keys_first";
        public const string FollowKeysAfter = "follow_keys_after";
        public const string LockKeysFirst = "lock_keys_first";
        public const string LockKeysAfter = "lock_keys_after";
        public const string LockKeysFirstUntil = "lock_keys_first_until";
        public const string LockKeysAfterUntil = "lock_keys_after_until";
        public const string RangeEndFirst = "range_end_first";
        public const string RangeEndAfter = "range_end_after";
        public const string EstimateNullRows = "estimate_null_rows";
        public const string Audit = "audit";
        public const string Update = "update";
        public const string Unresolved = "unresolved";
        public const string DryRun = "dry_run";
        public const string RollbackConflicts = "rollback_conflicts";
        public const string Rollback = "rollback";
    }
}
