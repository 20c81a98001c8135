using System.Collections.Concurrent;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Constraints;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// OrgScopeConstraintStrategy=PtOnlineSchemaChange, for real: constrain makes each column NOT NULL with
/// pt-online-schema-change (Debian's percona-toolkit; eng/test.sh installs it) while the application keeps inserting and
/// updating rows, and not one committed write is lost. Without foreign keys (OrgScopeForeignKeys=false, for gh-ost and
/// Spirit), validate and constrain still catch an organization that does not exist.
/// </summary>
[Collection("MariaDB")]
public sealed class OnlineConstrainTests(MariaDbServer server)
{
    [Fact]
    public async Task Pt_online_schema_change_constrains_every_table_while_writes_go_on_and_keeps_every_write()
    {
        Assert.True(File.Exists("/usr/bin/pt-online-schema-change") || OnPath("pt-online-schema-change"),
            "pt-online-schema-change is not installed: apt-get install -y percona-toolkit (eng/test.sh does it)");
        var (db, _) = await SampleDatabase.CreateAsync(server, "cn_ptosc", 3000, 31);
        await using var __ = db;
        var plan = Plan("PtOnlineSchemaChange", foreignKeys: true);
        Assert.Equal("PtOnlineSchemaChange", plan.Scripts!.ConstraintStrategy);
        await FillAsync(db, plan);

        // The new application version: every write sets organization_id. Inserts and updates go on for the whole run.
        using var stop = new CancellationTokenSource();
        var inserted = new ConcurrentDictionary<long, string>();
        var updated = new ConcurrentDictionary<long, string>();
        var writer = Task.Run(() => WriteAsync(db, inserted, updated, stop.Token));
        var log = new List<string>();
        ConstrainSummary summary;
        try
        {
            summary = await new Runbook(plan, db.ConnectionString).ConstrainAsync(log: new CommandLine.SyncProgress<string>(log.Add));
        }
        finally
        {
            await Task.Delay(300);
            stop.Cancel();
        }

        var writes = await writer;
        Assert.True(summary.Failure is null && summary.Blockers.Count == 0, $"{summary.Failure} {string.Join("; ", summary.Blockers)}\n{string.Join("\n", log)}");
        Assert.True(writes > 50, $"only {writes} writes happened during the change");
        Assert.Contains(log, l => l.Contains("Successfully altered", StringComparison.Ordinal));
        foreach (var table in SamplePlan.Tables)
        {
            var ddl = await db.ShowCreateTableAsync(table);
            Assert.Contains("`organization_id` bigint(20) NOT NULL", ddl);
            Assert.Contains($"CONSTRAINT `fk_{table}_organization_id` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`)", ddl);
        }

        // Every committed insert is there with its title, every committed update holds its last value.
        var titles = (await db.QueryScriptAsync("SELECT id, title FROM tasks"))[0].Rows.ToDictionary(r => Convert.ToInt64(r[0]), r => (string)r[1]!);
        Assert.All(inserted.Where(i => !updated.ContainsKey(i.Key)), i => Assert.Equal(i.Value, titles.GetValueOrDefault(i.Key)));
        Assert.All(updated, u => Assert.Equal(u.Value, titles.GetValueOrDefault(u.Key)));
        var records = (await db.QueryScriptAsync("SELECT CONCAT(table_name, ' ', change_kind, ' ', script) FROM orgscope_schema_changes WHERE change_kind = 'not_null'"))[0].Rows.Select(r => (string)r[0]!);
        Assert.Equal(SamplePlan.Tables.Select(t => t + " not_null 003-add-constraints.sh").Order(), records.Order());
    }

    [Fact]
    public async Task The_generated_shell_script_does_the_same_by_hand_and_records_what_the_tool_made()
    {
        var (db, _) = await SampleDatabase.CreateAsync(server, "cn_ptosc_sh", 300, 32);
        await using var __ = db;
        var plan = Plan("PtOnlineSchemaChange", foreignKeys: false);
        await FillAsync(db, plan);
        var folder = Directory.CreateTempSubdirectory("orgscope-sh-");
        try
        {
            foreach (var file in plan.Files.Where(f => f.Name.StartsWith("003-", StringComparison.Ordinal)))
            {
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, file.Name), file.Content);
            }

            var connection = new MySqlConnectionStringBuilder(db.ConnectionString);
            var defaults = Path.Combine(folder.FullName, "client.cnf");
            await File.WriteAllTextAsync(defaults, $"[client]\npassword=\"{connection.Password}\"\n");
            var start = new System.Diagnostics.ProcessStartInfo("sh", [Path.Combine(folder.FullName, "003-add-constraints.sh")])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
                Environment =
                {
                    ["DB_HOST"] = connection.Server, ["DB_PORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["DB_USER"] = connection.UserID, ["DB_NAME"] = connection.Database, ["DB_DEFAULTS_FILE"] = defaults,
                    ["MYSQL"] = MariaDbBinaries.RequireClient(),
                },
            };
            using var sh = System.Diagnostics.Process.Start(start)!;
            var output = sh.StandardOutput.ReadToEndAsync();
            var error = await sh.StandardError.ReadToEndAsync();
            await sh.WaitForExitAsync();

            Assert.True(sh.ExitCode == 0, $"{await output}\n{error}");
            foreach (var table in SamplePlan.Tables)
            {
                var ddl = await db.ShowCreateTableAsync(table);
                Assert.Contains("`organization_id` bigint(20) NOT NULL", ddl);
                Assert.DoesNotContain("FOREIGN KEY", ddl);
            }

            Assert.Equal(6L, Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM orgscope_schema_changes WHERE change_kind = 'not_null' AND script = '003-add-constraints.sh'")));
            // Run again: every column is NOT NULL already, so no tool runs and nothing changes.
            using var again = System.Diagnostics.Process.Start(start)!;
            var againOutput = await again.StandardOutput.ReadToEndAsync();
            await again.WaitForExitAsync();
            Assert.Equal(0, again.ExitCode);
            Assert.DoesNotContain("Altering", againOutput);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Without_the_tool_on_the_machine_constrain_refuses_before_anything_changes_and_points_at_the_script()
    {
        var (db, _) = await SampleDatabase.CreateAsync(server, "cn_ghost", 100, 33);
        await using var __ = db;
        var plan = Plan("GhOst", foreignKeys: false);
        await FillAsync(db, plan);
        var schema = await db.ShowCreateTablesAsync();

        var error = await Assert.ThrowsAsync<Connection.OperatorException>(() => new Runbook(plan, db.ConnectionString).ConstrainAsync(
            new ConstrainOptions { ToolPath = "/nonexistent/gh-ost" }));

        Assert.Equal(Connection.FailureKind.Configuration, error.Kind);
        Assert.Contains("the plan delivers NOT NULL with gh-ost (OrgScopeConstraintStrategy=GhOst), which is not on PATH", error.Message);
        Assert.Contains("003-add-constraints.sh", error.Message);
        Assert.Equal(schema, await db.ShowCreateTablesAsync());
    }

    [Fact]
    public async Task Pt_online_schema_change_keeps_004s_insert_triggers_on_the_new_tables_and_they_still_fill_the_old_codes_rows()
    {
        var (db, _) = await SampleDatabase.CreateAsync(server, "cn_ptosc_trg", 100, 35, migrate: false);
        await using var __ = db;
        var plan = Plan("PtOnlineSchemaChange", foreignKeys: true, insertTriggers: true);
        await new Runbook(plan, db.ConnectionString).MigrateAsync();
        await FillAsync(db, plan);
        var triggers = await TriggersAsync(db);

        var log = new List<string>();
        var summary = await new Runbook(plan, db.ConnectionString).ConstrainAsync(log: new CommandLine.SyncProgress<string>(log.Add));
        // The old code, after the change: a task without its organization, for a user who has one.
        await db.ExecuteScriptAsync("INSERT INTO tasks (id, title, assigned_to) VALUES (96101, 'old code', (SELECT MIN(id) FROM users))");

        Assert.True(summary.Failure is null && summary.Blockers.Count == 0, $"{summary.Failure} {string.Join("; ", summary.Blockers)}\n{string.Join("\n", log)}");
        Assert.Contains(log, l => l.Contains("Successfully altered", StringComparison.Ordinal));
        Assert.Equal(SamplePlan.Tables.Length, triggers.Count);
        Assert.Equal(triggers, await TriggersAsync(db));
        Assert.Equal(1L, Convert.ToInt64(await db.ScalarAsync(
            "SELECT COUNT(*) FROM tasks t JOIN users u ON u.id = t.assigned_to WHERE t.id = 96101 AND t.organization_id = u.organization_id")));
    }

    [Fact]
    public async Task Without_foreign_keys_the_columns_are_NOT_NULL_and_an_orphan_is_still_counted_by_validate_and_refused_by_constrain()
    {
        var (db, _) = await SampleDatabase.CreateAsync(server, "cn_nofk", 100, 34);
        await using var __ = db;
        var plan = Plan("Script", foreignKeys: false);
        await FillAsync(db, plan);
        var made = await new Runbook(plan, db.ConnectionString).ConstrainAsync();
        Assert.True(made.Failure is null && made.Blockers.Count == 0, made.ToString());

        // The trade-off of OrgScopeForeignKeys=false: the database takes an organization that does not exist.
        await db.ExecuteScriptAsync("INSERT INTO tasks (id, title, assigned_to, organization_id) VALUES (96001, 'orphan', NULL, 777777)");
        await using var connection = await db.OpenConnectionAsync();
        var validation = await Reporting.ValidationRunner.RunAsync(plan, connection, CancellationToken.None);
        var refused = await new Runbook(plan, db.ConnectionString).ConstrainAsync();

        foreach (var table in SamplePlan.Tables)
        {
            var ddl = await db.ShowCreateTableAsync(table);
            Assert.Contains("`organization_id` bigint(20) NOT NULL", ddl);
            Assert.DoesNotContain("FOREIGN KEY", ddl);
        }

        var counts = validation.ScriptResults[0];
        int Column(string name) => counts.Columns.ToList().IndexOf(name);
        var orphanCount = Assert.Single(counts.Rows, r => r[Column("check")] == "orphan_organization_id" && r[Column("table_name")] == "tasks")[Column("count")];
        Assert.Equal("1", orphanCount);
        var blocker = Assert.Single(refused.Blockers);
        Assert.Equal((BlockerKind.Orphans, "tasks", 1L), (blocker.Kind, blocker.Table, blocker.Count));
    }

    private static PlanDocument Plan(string strategy, bool foreignKeys, bool insertTriggers = false) => PlanReader.Parse(SamplePlan.Json()
        .Replace("\"constraintStrategy\": \"Script\"", $"\"constraintStrategy\": \"{strategy}\"", StringComparison.Ordinal)
        .Replace("\"foreignKeys\": true", $"\"foreignKeys\": {(foreignKeys ? "true" : "false")}", StringComparison.Ordinal)
        .Replace("\"insertTriggers\": false", $"\"insertTriggers\": {(insertTriggers ? "true" : "false")}", StringComparison.Ordinal), "test");

    // OrgScope's insert triggers, each with its table and body.
    private static async Task<List<string>> TriggersAsync(TestDatabase db) =>
        (await db.QueryScriptAsync("SELECT CONCAT(TRIGGER_NAME, ' ', EVENT_OBJECT_TABLE, ' ', ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME LIKE 'orgscope%' ORDER BY 1"))[0]
            .Rows.Select(r => (string)r[0]!).ToList();

    private static async Task FillAsync(TestDatabase db, PlanDocument plan)
    {
        await new Runbook(plan, db.ConnectionString).BackfillAsync();
        await SampleDatabase.ResolveLeftoversAsync(db);
    }

    private static async Task<int> WriteAsync(TestDatabase db, ConcurrentDictionary<long, string> inserted, ConcurrentDictionary<long, string> updated, CancellationToken stop)
    {
        var writes = 0;
        var random = new Random(5);
        await using var connection = await db.OpenConnectionAsync();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var title = "written-" + writes;
                await using (var insert = new MySqlCommand("INSERT INTO tasks (title, assigned_to, organization_id) VALUES (@t, NULL, 1); SELECT LAST_INSERT_ID();", connection))
                {
                    insert.Parameters.AddWithValue("@t", title);
                    inserted[Convert.ToInt64(await insert.ExecuteScalarAsync())] = title;
                }

                var id = random.Next(1, 3000);
                var value = "updated-" + writes;
                await using (var update = new MySqlCommand("UPDATE tasks SET title = @t WHERE id = @id", connection))
                {
                    update.Parameters.AddWithValue("@t", value);
                    update.Parameters.AddWithValue("@id", id);
                    if (await update.ExecuteNonQueryAsync() == 1)
                    {
                        updated[id] = value;
                    }
                }

                writes += 2;
            }
            catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout)
            {
                // The swap's brief lock: the application retries, as it would.
            }

            await Task.Delay(5);
        }

        return writes;
    }

    private static bool OnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, executable)));
}
