using System.Diagnostics;
using OrgScope.Testing;

/// <summary>
/// (d) the bound for any batched approach: a stored procedure that walks the NULL rows in primary-key order, batch by
/// batch, each batch the same set-based UPDATE ... JOIN over its key range in its own READ COMMITTED transaction. No
/// client round trip, no lock-then-write, no audit, no review report, no checkpoint. What the engine adds on top is
/// what the gap between (a) and (d) costs. (d+u) is the same loop that also records, per batch, the rows it left NULL
/// for review with the engine's own generated <c>unresolved</c> statement: what (d) would cost if it kept the review
/// record, so that the rest of the gap is the audit and the engine's own per-batch work (`--with-d-unresolved`).
/// </summary>
internal static class InServerKeysetLoop
{
    public const string Name = "d";

    public const string WithUnresolvedName = "d+u";

    // Portable procedure syntax (no DELIMITER needed through the driver; LIMIT takes a procedure parameter on both).
    private const string Procedure = """
        CREATE PROCEDURE orgscope_bench_keyset_loop(IN batch_size INT)
        BEGIN
          DECLARE last_id BIGINT DEFAULT -1;
          DECLARE batch_end BIGINT;
          DECLARE v_from, v_to BIGINT;
          DECLARE v_run BIGINT DEFAULT 1;
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
            SET v_from = last_id + 1, v_to = batch_end;
            /* unresolved */
            COMMIT;
            SET last_id = batch_end;
          END LOOP;
        END
        """;

    /// <param name="unresolved">The plan's generated <c>unresolved</c> statement for tasks, run in each batch after its UPDATE ((d+u)); null: (d).</param>
    public static async Task<Measurement> RunAsync(TestDatabase db, int round, int batchSize, string? unresolved = null)
    {
        // The statement's parameters become the procedure's variables (the batch's range, the run).
        var recording = unresolved is null ? "" : unresolved.Replace("@from_k1", "v_from", StringComparison.Ordinal).Replace("@to_k1", "v_to", StringComparison.Ordinal)
            .Replace("@run_id", "v_run", StringComparison.Ordinal) + ";";
        await BenchmarkDatabase.ExecuteAsync(db.ConnectionString, Procedure.Replace("/* unresolved */", recording, StringComparison.Ordinal));
        var watch = Stopwatch.StartNew();
        await BenchmarkDatabase.ExecuteAsync(db.ConnectionString, $"SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED; CALL orgscope_bench_keyset_loop({batchSize})");
        var seconds = watch.Elapsed.TotalSeconds;
        var rows = Convert.ToInt64(await BenchmarkDatabase.ScalarAsync(db.ConnectionString, "SELECT COUNT(*) FROM tasks WHERE organization_id IS NOT NULL"), System.Globalization.CultureInfo.InvariantCulture);
        if (unresolved is not null)
        {
            var recorded = await BenchmarkDatabase.ScalarAsync(db.ConnectionString, "SELECT COUNT(*) FROM orgscope_unresolved WHERE table_name = 'tasks'");
            Console.WriteLine($"  (d+u) recorded {recorded} unresolved tasks");
        }

        return new Measurement(unresolved is null ? Name : WithUnresolvedName, round, seconds, rows);
    }
}
