using OrgScope.Runtime.Engine;
using OrgScope.Runtime.Engine.Backfill;
using OrgScope.Runtime.Engine.Replication;
using OrgScope.Runtime.Engine.Rollback;
using OrgScope.Scripts.Tests.Portability;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// The SQL the runtime writes itself (OrgScope's tables, the heartbeat, the audit's reads) holds no MariaDB-only
/// syntax either: the tests run on MariaDB, users run on MySQL 8.0 too. The rules are the generated SQL's
/// (tests/OrgScope.Scripts.Tests/Portability/PortableSqlRules.cs, linked).
/// </summary>
public sealed class RuntimeSqlPortabilityTests
{
    public static TheoryData<string, string> Statements()
    {
        var data = new TheoryData<string, string>();
        foreach (var (table, ddl) in OrgScopeTables.Ddl)
        {
            data.Add("DDL " + table, ddl);
        }

        data.Add("heartbeat upsert", HeartbeatWriter.Upsert);
        data.Add("heartbeat read", ReplicaLagProbe.Read);
        data.Add("audited rows", BackfillBatch.AuditedRows);
        data.Add("follow's empty audit row", Engine.Follow.FollowBatch.EmptyAudit);
        data.Add("killed follows abandoned", Engine.Follow.FollowEngine.AbandonKilled);
        data.Add("rollback's next audit row", RollbackBatch.NextAudit);
        data.Add("written by source", RunStore.WrittenBySource);
        return data;
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Has_no_MariaDB_only_syntax(string what, string sql) => Assert.True(PortableSqlRules.Violations(sql).Count == 0, what + ": " + string.Join("; ", PortableSqlRules.Violations(sql)));
}
