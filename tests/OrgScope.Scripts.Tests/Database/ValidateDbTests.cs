using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OrgScope.Testing;
using Xunit;

namespace OrgScope.Scripts.Tests.Database;

/// <summary>002: readable result sets with the right numbers, before and after the runtime's tables exist.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class ValidateDbTests(MariaDbServer server)
{
    private readonly Scripts _scripts = new(SampleModels.Sample());

    [Fact]
    public async Task Counts_and_samples_show_NULLs_orphans_and_disagreements()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "validate");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        // users: 1 agrees with both sources; 2's primary membership says 1, its current organization says 2; 3 stays NULL.
        await db.ExecuteScriptAsync("""
            UPDATE users SET organization_id = 1 WHERE id IN (1, 2);
            UPDATE tasks SET organization_id = 2 WHERE id = 1;
            UPDATE rewards SET organization_id = 77 WHERE id = 1;
            """);

        var sets = await db.QueryScriptAsync(_scripts.Validate);

        Assert.Equal(5, sets.Count);
        var counts = sets[0];
        Assert.Equal(["check", "table_name", "detail", "count"], counts.Columns);
        Assert.Equal(3L, Count(counts, "rows", "users"));
        Assert.Equal(1L, Count(counts, "null_organization_id", "users"));
        Assert.Equal(0L, Count(counts, "source_disagrees", "users", "1. primary membership in user_organizations"));
        Assert.Equal(1L, Count(counts, "source_disagrees", "users", "2. users.current_organization_id"));
        Assert.Equal(2L, Count(counts, "null_organization_id", "tasks"));
        Assert.Equal(1L, Count(counts, "source_disagrees", "tasks", "1. organization of the users row referenced by tasks.assigned_to"));
        Assert.Equal(1L, Count(counts, "orphan_organization_id", "rewards"));
        Assert.Equal(0L, Count(counts, "orphan_organization_id", "users"));
        Assert.Equal(0L, Count(counts, "reference_missing", "tasks"));
        // achievements kept its legacy values: one filled, one NULL.
        Assert.Equal(1L, Count(counts, "null_organization_id", "achievements"));

        var samples = sets[1];
        Assert.Equal(["check", "table_name", "source", "row_key", "organization_id", "source_organization_id"], samples.Columns);
        Assert.Contains(samples.Rows, r => (string)r[1]! == "users" && (string)r[3]! == "2" && Convert.ToInt64(r[4]) == 1 && Convert.ToInt64(r[5]) == 2);
        Assert.Contains(samples.Rows, r => (string)r[1]! == "tasks" && (string)r[3]! == "1" && Convert.ToInt64(r[4]) == 2 && Convert.ToInt64(r[5]) == 1);
        Assert.Contains(samples.Rows, r => (string)r[1]! == "rewards" && (string)r[3]! == "1" && Convert.ToInt64(r[4]) == 77);

        // Without the runtime's tables: one placeholder row each, same shape.
        foreach (var (set, check) in new[] { (sets[2], "unresolved"), (sets[3], "conflicts"), (sets[4], "written") })
        {
            Assert.Equal(["check", "table_name", "detail", "count"], set.Columns);
            var row = Assert.Single(set.Rows);
            Assert.Equal(check, row[0]);
            Assert.Contains("does not exist yet", (string)row[2]!);
        }
    }

    [Fact]
    public async Task A_member_with_several_primary_memberships_is_one_row_and_its_membership_yields_nothing()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "validate_primaries");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        // User 2's one primary membership says 1 while the row holds 2: one disagreement. User 4 has three primary
        // memberships: the backfill reads that source as yielding nothing, so it cannot disagree (and was counted twice,
        // once per primary membership row that differed, before).
        await db.ExecuteScriptAsync("""
            INSERT INTO organizations (id, name) VALUES (3, 'Initech');
            INSERT INTO users (id, email, current_organization_id, organization_id) VALUES (4, 'd@x', 3, 3);
            INSERT INTO user_organizations (user_id, organization_id, is_primary) VALUES (4, 1, 1), (4, 2, 1), (4, 3, 1);
            UPDATE users SET organization_id = 2 WHERE id = 2;
            """);

        var sets = await db.QueryScriptAsync(_scripts.Validate);

        Assert.Equal(1L, Count(sets[0], "source_disagrees", "users", "1. primary membership in user_organizations"));
        var samples = sets[1].Rows.Where(r => (string)r[1]! == "users" && ((string)r[2]!).StartsWith("1. ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["2"], samples.Select(r => (string)r[3]!));
    }

    [Fact]
    public async Task Counts_rows_that_point_at_deleted_rows()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "validate_missing");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        await db.ExecuteScriptAsync("UPDATE tasks SET assigned_to = 42 WHERE id = 3; UPDATE users SET current_organization_id = 9 WHERE id = 3;");

        var counts = (await db.QueryScriptAsync(_scripts.Validate))[0];

        Assert.Equal(1L, Count(counts, "reference_missing", "tasks", "1. organization of the users row referenced by tasks.assigned_to"));
        Assert.Equal(1L, Count(counts, "reference_missing", "users", "2. users.current_organization_id"));
        Assert.Equal(0L, Count(counts, "reference_missing", "rewards"));
        Assert.DoesNotContain(counts.Rows, r => (string)r[0]! == "reference_missing" && ((string)r[2]!).Contains("membership", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Composite_keys_show_as_comma_separated_row_keys()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "validate_composite");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        await SampleDatabase.FillAsync(db);
        await db.ExecuteScriptAsync("UPDATE users SET organization_id = 2 WHERE id = 2; UPDATE rewards SET organization_id = 2 WHERE id = 2;");

        var samples = (await db.QueryScriptAsync(_scripts.Validate))[1];

        // user_rewards (2, 2) holds 1 while user 2 and reward 2 both say 2.
        Assert.Contains(samples.Rows, r => (string)r[1]! == "user_rewards" && (string)r[3]! == "2,2"
            && ((string)r[2]!).StartsWith("1. ", StringComparison.Ordinal));
        Assert.Contains(samples.Rows, r => (string)r[1]! == "user_rewards" && (string)r[3]! == "2,2"
            && ((string)r[2]!).StartsWith("2. ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ScriptPath.Client)]
    [InlineData(ScriptPath.Connector)]
    public async Task Summarises_the_runtime_tables_when_they_exist(ScriptPath path)
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "validate_runtime");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        // Only the columns 002 reads (docs/plan-format.md); the runtime owns the full DDL.
        await db.ExecuteScriptAsync("""
            CREATE TABLE orgscope_unresolved (id BIGINT AUTO_INCREMENT PRIMARY KEY, run_id BIGINT, table_name VARCHAR(64), row_key VARCHAR(255), reason VARCHAR(64), candidates TEXT);
            INSERT INTO orgscope_unresolved (run_id, table_name, row_key, reason) VALUES
              (1, 'users', '3', 'no_primary_membership'), (1, 'users', '2', 'sources_disagree'),
              (1, 'tasks', '3', 'no_source_value'), (1, 'tasks', '9', 'no_source_value');
            CREATE TABLE orgscope_audit (audit_id BIGINT AUTO_INCREMENT PRIMARY KEY, run_id BIGINT, table_name VARCHAR(64), batch_no INT, rows_written INT, written LONGTEXT);
            INSERT INTO orgscope_audit (run_id, table_name, batch_no, rows_written, written) VALUES
              (1, 'users', 1, 1, '[[1, "UserOrganization", 1]]'), (1, 'tasks', 1, 1, '[[1, "AssignedTo", 1]]'), (1, 'tasks', 2, 1, '[[1, "AssignedTo", 2]]'),
              (1, 'tasks', 3, 0, '[]');
            """);

        if (path == ScriptPath.Client)
        {
            var output = (await db.RunClientAsync(_scripts.Validate)).EnsureSuccess().StandardOutput;
            Assert.Contains("unresolved\ttasks\tno_source_value\t2", output);
            Assert.Contains("conflicts\tusers\tsources_disagree\t1", output);
            Assert.Contains("written\ttasks\tAssignedTo\t2", output);
            return;
        }

        var sets = await db.QueryScriptAsync(_scripts.Validate);
        Assert.Equal(
            ["tasks/no_source_value/2", "users/no_primary_membership/1", "users/sources_disagree/1"],
            sets[2].Rows.Select(r => $"{r[1]}/{r[2]}/{r[3]}"));
        Assert.Equal(["users/sources_disagree/1"], sets[3].Rows.Select(r => $"{r[1]}/{r[2]}/{r[3]}"));
        Assert.Equal(["tasks/AssignedTo/2", "users/UserOrganization/1"], sets[4].Rows.Select(r => $"{r[1]}/{r[2]}/{r[3]}"));
    }

    [Fact]
    public async Task Refuses_before_001_has_run()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "validate_no_column");
        var error = await SampleDatabase.RunRefusedAsync(db, _scripts.Validate, ScriptPath.Client);
        Assert.Contains("orgscope: users has no organization_id column; run 001-add-organization-id-columns.sql first", error);
    }

    [Fact]
    public async Task Changes_nothing()
    {
        await using var db = await SampleDatabase.CreateLegacyAsync(server, "validate_readonly");
        await db.ExecuteScriptAsync(_scripts.AddColumns);
        var schema = await db.ShowCreateTablesAsync();
        var checksums = new List<long?>();
        foreach (var table in SampleDatabase.ScopedTables)
        {
            checksums.Add(await db.ChecksumTableAsync(table));
        }

        await db.QueryScriptAsync(_scripts.Validate);

        Assert.Equal(schema, await db.ShowCreateTablesAsync());
        for (var i = 0; i < SampleDatabase.ScopedTables.Length; i++)
        {
            Assert.Equal(checksums[i], await db.ChecksumTableAsync(SampleDatabase.ScopedTables[i]));
        }
    }

    private static long Count(ResultSet set, string check, string table, string? detail = null) =>
        Convert.ToInt64(set.Rows.Single(r => (string)r[0]! == check && (string)r[1]! == table && (detail is null || (string)r[2]! == detail))[3]);
}
