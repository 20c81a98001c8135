using System.Diagnostics;
using OrgScope.Testing;

/// <summary>
/// (b) one set-based UPDATE ... JOIN: the fastest possible single statement; it holds a lock on every row it changes
/// until its one commit, and writes no audit and no review report.
/// </summary>
internal static class SetBasedUpdate
{
    public const string Name = "b";

    public static async Task<Measurement> RunAsync(TestDatabase db, int round)
    {
        var watch = Stopwatch.StartNew();
        var rows = await BenchmarkDatabase.ExecuteAsync(db.ConnectionString,
            "UPDATE tasks t JOIN users u ON u.id = t.assigned_to SET t.organization_id = u.organization_id " +
            "WHERE t.organization_id IS NULL AND u.organization_id IS NOT NULL");
        return new Measurement(Name, round, watch.Elapsed.TotalSeconds, rows);
    }
}
