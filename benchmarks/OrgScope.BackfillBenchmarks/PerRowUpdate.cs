using System.Diagnostics;
using MySqlConnector;
using OrgScope.Testing;

/// <summary>
/// (c) per row, on a sample, as hand-written backfill scripts do it: select the ids of the rows still NULL, then one
/// autocommit UPDATE per id that resolves the row's organization itself. A row whose user has no organization changes
/// nothing (and is not counted as set). Timed on the first N ids; its rate extrapolates to the whole table.
/// </summary>
internal static class PerRowUpdate
{
    public const string Name = "c";

    public static async Task<Measurement> RunAsync(TestDatabase db, int round, int sample)
    {
        var watch = Stopwatch.StartNew();
        var set = 0;
        await using var connection = new MySqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        var ids = new List<long>();
        await using (var select = new MySqlCommand("SELECT id FROM tasks WHERE organization_id IS NULL ORDER BY id LIMIT @n", connection))
        {
            select.Parameters.AddWithValue("@n", sample);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        await using var update = new MySqlCommand(
            "UPDATE tasks t JOIN users u ON u.id = t.assigned_to SET t.organization_id = u.organization_id " +
            "WHERE t.id = @id AND t.organization_id IS NULL AND u.organization_id IS NOT NULL", connection);
        var id = update.Parameters.Add("@id", MySqlDbType.Int64);
        foreach (var rowId in ids)
        {
            id.Value = rowId;
            set += await update.ExecuteNonQueryAsync();
        }

        return new Measurement(Name, round, watch.Elapsed.TotalSeconds, set, Detail: $"first {sample:N0} NULL ids");
    }
}
