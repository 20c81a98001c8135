using System.Diagnostics;
using OrgScope.Testing;

/// <summary>
/// (d) the bound for any batched approach: a stored procedure that walks the NULL rows in primary-key order, batch by
/// batch, each batch the same set-based UPDATE ... JOIN over its key range in its own READ COMMITTED transaction. No
/// client round trip, no lock-then-write, no audit, no review report, no checkpoint. What the engine adds on top is
/// what the gap between (a) and (d) costs. (d+u) is the same loop that also records, per batch, the rows it left NULL
/// for review with the engine's own generated <c>unresolved</c> statement: what (d) would cost if it kept the review
/// record, so that the rest of the gap is the audit and the engine's own per-batch work (`--with-d-unresolved`).
/// (d+a+u) writes each batch with the engine's own generated statements instead of (d)'s UPDATE: the audit row (the
/// batch's resolution), the update that writes exactly what it holds, and the review record: the engine's SQL, in
/// the engine's batches, without the client (no round trip, no lock-then-write select, no range row, no checkpoint,
/// no throttle), so that a/(d+a+u) is what the engine's own machinery costs over the work its guarantees take
/// (`--with-d-records`).
/// </summary>
internal static class InServerKeysetLoop
{
    public const string Name = "d";

    public const string WithUnresolvedName = "d+u";

    public const string WithRecordsName = "d+a+u";

    // Portable procedure syntax (no DELIMITER needed through the driver; LIMIT takes a procedure parameter on both).
    private const string Procedure = """
        CREATE PROCEDURE orgscope_bench_keyset_loop(IN batch_size INT)
        BEGIN
          DECLARE last_id BIGINT DEFAULT -1;
          DECLARE batch_end BIGINT;
          DECLARE v_from, v_to BIGINT;
          DECLARE v_run BIGINT DEFAULT 1;
          DECLARE v_batch INT DEFAULT 0;
          loop_batches: LOOP
            START TRANSACTION;
            SELECT MAX(k.id) INTO batch_end FROM
              (SELECT t.id FROM tasks t FORCE INDEX (PRIMARY) WHERE t.organization_id IS NULL AND t.id > last_id ORDER BY t.id LIMIT batch_size) AS k;
            IF batch_end IS NULL THEN
              COMMIT;
              LEAVE loop_batches;
            END IF;
            SET v_from = last_id + 1, v_to = batch_end, v_batch = v_batch + 1;
            /* write */
            /* unresolved */
            COMMIT;
            SET last_id = batch_end;
          END LOOP;
        END
        """;

    // (d)'s write: the fastest batched statement, no record of what it wrote.
    private const string PlainUpdate = """
        UPDATE tasks t JOIN users u ON u.id = t.assigned_to SET t.organization_id = u.organization_id
              WHERE t.id >= v_from AND t.id <= v_to AND t.organization_id IS NULL AND u.organization_id IS NOT NULL;
        """;

    /// <param name="name">(d), (d+u) or (d+a+u).</param>
    /// <param name="statements">The plan's generated statements for tasks ((d+u) runs its <c>unresolved</c> after (d)'s UPDATE; (d+a+u) its <c>audit</c>, <c>update</c> and <c>unresolved</c> instead).</param>
    public static async Task<Measurement> RunAsync(TestDatabase db, int round, int batchSize, string name = Name, IReadOnlyDictionary<string, string>? statements = null)
    {
        var write = name == WithRecordsName ? Local(statements!["audit"]) + ";\n" + Local(statements["update"]) + ";" : PlainUpdate;
        var recording = name == Name ? "" : Local(statements!["unresolved"]) + ";";
        await BenchmarkDatabase.ExecuteAsync(db.ConnectionString, Procedure.Replace("/* write */", write, StringComparison.Ordinal).Replace("/* unresolved */", recording, StringComparison.Ordinal));
        var watch = Stopwatch.StartNew();
        await BenchmarkDatabase.ExecuteAsync(db.ConnectionString, $"SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED; CALL orgscope_bench_keyset_loop({batchSize})");
        var seconds = watch.Elapsed.TotalSeconds;
        var rows = Convert.ToInt64(await BenchmarkDatabase.ScalarAsync(db.ConnectionString, "SELECT COUNT(*) FROM tasks WHERE organization_id IS NOT NULL"), System.Globalization.CultureInfo.InvariantCulture);
        if (name != Name)
        {
            var recorded = await BenchmarkDatabase.ScalarAsync(db.ConnectionString,
                "SELECT CONCAT((SELECT COUNT(*) FROM orgscope_unresolved WHERE table_name = 'tasks'), ' unresolved tasks recorded, ', (SELECT COALESCE(SUM(rows_written), 0) FROM orgscope_audit WHERE table_name = 'tasks'), ' values audited')");
            Console.WriteLine($"  ({name}) {recorded}");
        }

        return new Measurement(name, round, seconds, rows);
    }

    // A generated statement's parameters become the procedure's variables (the batch's range, its number, the run).
    private static string Local(string statement) =>
        statement.Replace("@from_k1", "v_from", StringComparison.Ordinal).Replace("@to_k1", "v_to", StringComparison.Ordinal)
            .Replace("@run_id", "v_run", StringComparison.Ordinal).Replace("@batch_no", "v_batch", StringComparison.Ordinal);
}
