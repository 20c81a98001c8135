using System.Globalization;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// The sample database's organization columns and unresolved rows, and the independently computed expectation: the
/// resolution rules of docs/backfill.md written again in C# over the source tables (never the tool's SQL).
/// </summary>
internal sealed record SampleState(
    SortedDictionary<string, long?> Orgs,             // "table:row_key" → organization_id
    SortedDictionary<string, string> Unresolved)      // "table:row_key" → reason
{
    public static async Task<SampleState> ReadAsync(TestDatabase db)
    {
        var orgs = new SortedDictionary<string, long?>(StringComparer.Ordinal);
        foreach (var (table, key) in KeyColumns)
        {
            foreach (var row in await RowsAsync(db, $"SELECT {key}, organization_id FROM {table}"))
            {
                orgs[table + ":" + RowKeyOf(row, key)] = row[^1] is null ? null : Convert.ToInt64(row[^1], CultureInfo.InvariantCulture);
            }
        }

        var unresolved = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in await RowsAsync(db, "SELECT table_name, row_key, reason FROM orgscope_unresolved"))
        {
            unresolved[(string)row[0]! + ":" + (string)row[1]!] = (string)row[2]!;
        }

        return new SampleState(orgs, unresolved);
    }

    /// <summary>What a complete backfill must produce, from the current source tables and organization columns.</summary>
    public static async Task<SampleState> ExpectAsync(TestDatabase db)
    {
        var organizations = (await RowsAsync(db, "SELECT id FROM organizations")).Select(r => L(r[0])!.Value).ToHashSet();
        var memberships = (await RowsAsync(db, "SELECT user_id, organization_id, is_primary FROM user_organizations"))
            .Select(r => (User: L(r[0])!.Value, Org: L(r[1])!.Value, Primary: Convert.ToInt32(r[2], CultureInfo.InvariantCulture) != 0))
            .ToLookup(m => m.User);
        var orgs = new SortedDictionary<string, long?>(StringComparer.Ordinal);
        var unresolved = new SortedDictionary<string, string>(StringComparer.Ordinal);

        Source OrgValue(long? value) =>
            value is null ? Source.None : organizations.Contains(value.Value) ? Source.Yields(value.Value) : Source.Problem("orphan_reference");

        Source Scoped(long? reference, Dictionary<long, long?> target) =>
            reference is null ? Source.None
            : !target.TryGetValue(reference.Value, out var org) ? Source.Problem("orphan_reference")
            : org is null ? Source.Problem("referenced_row_unresolved")
            : OrgValue(org);

        Source Membership(long user)
        {
            var primaries = memberships[user].Where(m => m.Primary).ToList();
            return primaries.Count switch
            {
                > 1 => Source.Problem("several_primary_memberships"),
                1 => OrgValue(primaries[0].Org),
                _ => memberships[user].Any() ? Source.Problem("no_primary_membership") : Source.None,
            };
        }

        Dictionary<long, long?> Resolve(string table, List<object?[]> rows, Func<object?[], Source[]> sources, int keyColumns = 1)
        {
            var final = new Dictionary<long, long?>();
            foreach (var row in rows)
            {
                var key = string.Join(",", row.Take(keyColumns).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
                var current = L(row[keyColumns]);
                long? org = current;
                if (current is null)
                {
                    var (decided, reason) = Decide(sources(row));
                    org = decided;
                    if (reason is not null)
                    {
                        unresolved[table + ":" + key] = reason;
                    }
                }

                orgs[table + ":" + key] = org;
                if (keyColumns == 1)
                {
                    final[L(row[0])!.Value] = org;
                }
            }

            return final;
        }

        var users = Resolve("users", await RowsAsync(db, "SELECT id, organization_id, current_organization_id FROM users"),
            r => [Membership(L(r[0])!.Value), OrgValue(L(r[2]))]);
        Resolve("tasks", await RowsAsync(db, "SELECT id, organization_id, assigned_to FROM tasks"), r => [Scoped(L(r[2]), users)]);
        var rewards = Resolve("rewards", await RowsAsync(db, "SELECT id, organization_id, created_by FROM rewards"), r => [Scoped(L(r[2]), users)]);
        var achievements = Resolve("achievements", await RowsAsync(db, "SELECT id, organization_id, created_by FROM achievements"), r => [Scoped(L(r[2]), users)]);
        Resolve("user_rewards", await RowsAsync(db, "SELECT user_id, reward_id, organization_id FROM user_rewards"),
            r => [Scoped(L(r[0]), users), Scoped(L(r[1]), rewards)], keyColumns: 2);
        Resolve("user_achievements", await RowsAsync(db, "SELECT user_id, achievement_id, organization_id FROM user_achievements"),
            r => [Scoped(L(r[1]), achievements), Scoped(L(r[0]), users)], keyColumns: 2);
        return new SampleState(orgs, unresolved);
    }

    // First source that yields wins; another yielding a different org is a conflict (Report: nothing assigned);
    // otherwise the first source's problem, else no_source_value. Never a default.
    private static (long? Org, string? Reason) Decide(Source[] sources)
    {
        var yielded = sources.Where(s => s.Org is not null).Select(s => s.Org!.Value).ToList();
        if (yielded.Count > 0)
        {
            return yielded.Distinct().Count() > 1 ? (null, "sources_disagree") : (yielded[0], null);
        }

        return (null, sources.FirstOrDefault(s => s.Why is not null)?.Why ?? "no_source_value");
    }

    private sealed record Source(long? Org, string? Why)
    {
        public static readonly Source None = new(null, null);

        public static Source Yields(long org) => new(org, null);

        public static Source Problem(string why) => new(null, why);
    }

    public static readonly (string Table, string Key)[] KeyColumns =
    [
        ("users", "id"), ("tasks", "id"), ("rewards", "id"), ("achievements", "id"),
        ("user_rewards", "user_id, reward_id"), ("user_achievements", "user_id, achievement_id"),
    ];

    private static string RowKeyOf(object?[] row, string key) =>
        string.Join(",", row.Take(key.Split(',').Length).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    private static long? L(object? value) => value is null ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static async Task<List<object?[]>> RowsAsync(TestDatabase db, string sql) =>
        (await db.QueryScriptAsync(sql))[0].Rows.ToList();
}
