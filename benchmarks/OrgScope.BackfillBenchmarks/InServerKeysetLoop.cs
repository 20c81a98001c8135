using System.Diagnostics;
using OrgScope.Testing;

/// <summary>
/// (d) the bound for any batched approach: a stored procedure that walks the NULL rows in primary-key order, batch by
/// batch, each batch the same set-based UPDATE ... JOIN over its key range in its own READ COMMITTED transaction. No
/// client round trip, no lock-then-write, no audit, no review report, no checkpoint. What the engine adds on top is
/// what the gap between (a) and (d) costs.
/// </summary>
internal static class InServerKeysetLoop
{
    public const string Name = "d";

    // Portable procedure syntax (no DELIMITER needed through the driver; LIMIT takes a procedure parameter on both).
    private const string Procedure = """
        CREATE PROCEDURE orgscope_bench_keyset_loop(IN batch_size INT)
        BEGIN
          DECLARE last_id BIGINT DEFAULT -1;
          DECLARE batch_end BIGINT;
          loop_batches: LOOP
            START TRANSACTION;
            SELECT MAX(k.id) INTO batch_end FROM
              (SELECT t.id FROM tasks t FORCE INDEX (PRIMARY) WHERE t.organization_id IS NULL AND t.id > last_id ORDER BY t.id LIMIT batch_size) AS k;
            IF batch_end IS NULL THEN
              COMMIT;
              LEAVE loop_batches;
            END IF;
            UPDATE tasks t JOIN users u ON u.id = t.assigned_to SET t.organization_id = u.organization_id
              WHERE t.id > last_id AND t.id <= batch_end AND t.organization_id IS NULL AND u.organization_id IS NOT NULL;
            COMMIT;
            SET last_id = batch_end;
          END LOOP;
        END
        """;

    public static async Task<Measurement> RunAsync(TestDatabase db, int round, int batchSize)
    {
        await BenchmarkDatabase.ExecuteAsync(db.ConnectionString, Procedure);
        var watch = Stopwatch.StartNew();
        await BenchmarkDatabase.ExecuteAsync(db.ConnectionString, $"SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED; CALL orgscope_bench_keyset_loop({batchSize})");
        var seconds = watch.Elapsed.TotalSeconds;
        var rows = Convert.ToInt64(await BenchmarkDatabase.ScalarAsync(db.ConnectionString, "SELECT COUNT(*) FROM tasks WHERE organization_id IS NOT NULL"), System.Globalization.CultureInfo.InvariantCulture);
        return new Measurement(Name, round, seconds, rows);
    }
}
