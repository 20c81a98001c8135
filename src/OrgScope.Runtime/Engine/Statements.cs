using System.Collections.Generic;
using OrgScope.Plan;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.Engine;

/// <summary>
/// A table's generated statements, looked up by the names the generator's BackfillStatementNames defines
/// (docs/backfill.md). The runtime never writes per-table SQL of its own: it runs these byte for byte.
/// </summary>
internal sealed class Statements(PlanTable table)
{
    public const string KeysFirst = "keys_first";
    public const string KeysAfter = "keys_after";
    public const string NullKeysFirst = "null_keys_first";
    public const string NullKeysAfter = "null_keys_after";
    public const string Lock = "lock";
    public const string Audit = "audit";
    public const string AuditSweep = "audit_sweep";
    public const string Update = "update";
    public const string Unresolved = "unresolved";
    public const string Checkpoint = "checkpoint";
    public const string DryRun = "dry_run";
    public const string RollbackConflicts = "rollback_conflicts";
    public const string Rollback = "rollback";

    public PlanTable Table { get; } = table;

    public string this[string name]
    {
        get
        {
            IReadOnlyDictionary<string, string>? backfill = Table.Backfill;
            if (backfill is null || !backfill.TryGetValue(name, out var sql))
            {
                throw new OperatorException(
                    FailureKind.Configuration,
                    $"The plan has no '{name}' backfill statement for table '{Table.Table}': rebuild the app with the same OrgScope version as this tool.");
            }

            return sql;
        }
    }
}
