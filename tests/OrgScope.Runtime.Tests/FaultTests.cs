using MySqlConnector;
using OrgScope.Runtime.Engine;
using OrgScope.Testing;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// Lock waits, a provoked deadlock and a killed connection in the middle of a run: the batch retries (or reconnects
/// and resumes from its checkpoint) and the run ends in exactly the state of an undisturbed run.
/// </summary>
[Collection("MariaDB")]
public sealed class FaultTests(MariaDbServer server)
{
    private static readonly RunbookOptions Impatient = new()
    {
        LockWaitTimeoutSeconds = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromMilliseconds(800),
        MaxAttempts = 30,
        TargetBatchTime = TimeSpan.Zero, // the faults are injected into batches named by number
    };

    [Fact]
    public async Task Rows_locked_by_another_session_make_the_batch_wait_retry_and_complete()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_lockwait", 2000, 11);
        await using var _ = db;
        var expected = await SampleState.ExpectAsync(db);

        await using var holder = await db.OpenConnectionAsync();
        var transaction = await holder.BeginTransactionAsync();
        await using (var lockRows = new MySqlCommand("SELECT COUNT(*) FROM tasks WHERE id BETWEEN 600 AND 650 FOR UPDATE", holder, transaction))
        {
            await lockRows.ExecuteScalarAsync();
        }

        var release = Task.Run(async () =>
        {
            await Task.Delay(3500);
            await transaction.RollbackAsync();
        });
        var summary = await new Runbook(plan, db.ConnectionString, Impatient).BackfillAsync(new BackfillOptions { BatchSize = 200 });
        await release;

        Assert.True(summary.Tables.Single(t => t.Table == "tasks").Retries >= 1, "the locked batch never hit a lock wait timeout");
        await AssertCompleteAsync(db, expected);
    }

    [Fact]
    public async Task A_deadlock_victim_batch_is_retried_and_the_run_completes()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_deadlock", 2000, 12);
        await using var _ = db;
        var expected = await SampleState.ExpectAsync(db);
        await db.ExecuteScriptAsync("CREATE TABLE scratch (id INT NOT NULL PRIMARY KEY)");

        await using var other = await db.OpenConnectionAsync();
        var otherThread = other.ServerThread;
        Task? otherWork = null;
        var injected = false;
        var runbook = new Runbook(plan, db.ConnectionString, Impatient)
        {
            BeforeStatement = async e =>
            {
                if (injected || e.Table != "tasks" || e.BatchNo != 2 || e.Statement != "lock_keys_after")
                {
                    return;
                }

                injected = true;
                // The other session, made the heavier transaction so InnoDB picks the backfill as the victim, takes a
                // row of this batch (its first NULL row after the checkpoint), then waits for the range row (its
                // checkpoint) the batch holds; the batch's select-and-lock of its keys closes the cycle.
                var transaction = await other.BeginTransactionAsync();
                var values = string.Join(",", Enumerable.Range(1, 5000).Select(i => $"({i})"));
                await new MySqlCommand($"INSERT INTO scratch (id) VALUES {values}", other, transaction).ExecuteNonQueryAsync();
                await new MySqlCommand(
                    $"SELECT id FROM tasks WHERE id > {e.Parameters["@after_k1"]} AND organization_id IS NULL ORDER BY id LIMIT 1 FOR UPDATE",
                    other, transaction).ExecuteScalarAsync();
                otherWork = Task.Run(async () =>
                {
                    await new MySqlCommand(
                        $"UPDATE orgscope_ranges SET updated_at = updated_at WHERE run_id = {e.Parameters["@run_id"]} AND table_name = 'tasks'",
                        other, transaction).ExecuteNonQueryAsync();
                    await transaction.RollbackAsync();
                });
                await WaitForLockWaitAsync(db, otherThread);
            },
        };

        var summary = await runbook.BackfillAsync(new BackfillOptions { BatchSize = 200 });
        await otherWork!;

        Assert.True(injected);
        Assert.True(summary.Tables.Single(t => t.Table == "tasks").Retries >= 1, "the backfill was not the deadlock victim");
        await AssertCompleteAsync(db, expected);
    }

    [Fact]
    public async Task A_killed_connection_is_reopened_and_the_run_resumes_from_its_checkpoint()
    {
        var (db, plan) = await SampleDatabase.CreateAsync(server, "bf_kill", 2000, 13);
        await using var _ = db;
        var expected = await SampleState.ExpectAsync(db);
        var kills = 0;
        var runbook = new Runbook(plan, db.ConnectionString, Impatient)
        {
            BeforeStatement = async e =>
            {
                // Kill once before the audit of a tasks batch (rows locked, nothing written yet) and once before the
                // unresolved capture of a user_rewards batch (audit and update done, not committed).
                if ((kills == 0 && e.Table == "tasks" && e.BatchNo == 3 && e.Statement == "audit") ||
                    (kills == 1 && e.Table == "user_rewards" && e.BatchNo == 1 && e.Statement == "unresolved"))
                {
                    kills++;
                    await db.ExecuteScriptAsync($"KILL CONNECTION {e.ServerThreadId}");
                }
            },
        };

        var summary = await runbook.BackfillAsync(new BackfillOptions { BatchSize = 200 });

        Assert.Equal(2, kills);
        Assert.True(summary.Tables.Single(t => t.Table == "tasks").Retries >= 1);
        Assert.True(summary.Tables.Single(t => t.Table == "user_rewards").Retries >= 1);
        await AssertCompleteAsync(db, expected);
    }

    internal static async Task AssertCompleteAsync(TestDatabase db, SampleState expected)
    {
        var actual = await SampleState.ReadAsync(db);
        Assert.Equal(expected.Orgs, actual.Orgs);
        Assert.Equal(expected.Unresolved, actual.Unresolved);
        await AuditInvariants.AssertAsync(db);
    }

    private static async Task WaitForLockWaitAsync(TestDatabase db, long thread)
    {
        for (var i = 0; i < 100; i++)
        {
            var waiting = Convert.ToInt64(await db.ScalarAsync(
                $"SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = {thread} AND trx_state = 'LOCK WAIT'"));
            if (waiting > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the other session never waited for the checkpoint lock");
    }
}
