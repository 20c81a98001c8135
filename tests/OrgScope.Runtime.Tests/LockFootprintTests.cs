using MySqlConnector;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// What a batch locks on the live table: exactly its rows still NULL. A row that already has an organization, inside
/// the batch's key range, stays writable by the app while the batch is in flight (docs/backfill.md, "One batch").
/// </summary>
[Collection("MariaDB")]
public sealed class LockFootprintTests(MariaDbServer server)
{
    [Fact]
    public async Task A_batch_locks_its_NULL_rows_and_leaves_rows_with_an_organization_writable()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_footprint", 400, 31);
        await using var _ = db;
        // tasks 5 already has an organization (the app set it); tasks 6 is NULL. Both lie in the first tasks batch.
        await db.ExecuteScriptAsync("UPDATE tasks SET organization_id = (SELECT MIN(id) FROM organizations) WHERE id = 5");

        await using var app = await db.OpenConnectionAsync();
        await new MySqlCommand("SET SESSION innodb_lock_wait_timeout = 1", app).ExecuteNonQueryAsync();
        int? setRowUpdated = null;
        int? nullRowError = null;
        var runbook = new Runbook(plan, db.ConnectionString, SampleDatabase.FixedBatches)
        {
            BeforeStatement = async e =>
            {
                if (e.Table != "tasks" || e.BatchNo != 1 || e.Statement != "audit" || setRowUpdated is not null)
                {
                    return;
                }

                // The batch holds its locks now (its keys are selected and locked; audit and update come next).
                setRowUpdated = await new MySqlCommand("UPDATE tasks SET assigned_to = assigned_to WHERE id = 5", app).ExecuteNonQueryAsync();
                try
                {
                    await new MySqlCommand("UPDATE tasks SET assigned_to = assigned_to WHERE id = 6", app).ExecuteNonQueryAsync();
                }
                catch (MySqlException ex)
                {
                    nullRowError = ex.Number;
                }
            },
        };

        await runbook.BackfillAsync(new BackfillOptions { BatchSize = 100 });

        Assert.Equal(1, setRowUpdated);                                   // not locked: the app's write went through at once
        Assert.Equal((int)MySqlErrorCode.LockWaitTimeout, nullRowError);  // locked: the batch owns it until its COMMIT
    }
}
