using System.Diagnostics;
using OrgScope.Runtime;
using OrgScope.Runtime.CommandLine;
using OrgScope.Runtime.Tests;
using OrgScope.Testing;

/// <summary>
/// (a) the engine: <c>Runbook.BackfillAsync(Tables = [tasks])</c>, its batch size steered toward the target batch time
/// (the shipped default) from the given first size, with where a batch's time goes
/// (from the engine's statement hook and its progress report, which marks a batch's end).
/// </summary>
internal static class EngineApproach
{
    public const string Name = "a";

    /// <summary>The engine at another target batch time than --target-batch-ms, in the same rounds: "a@0" (fixed batches), "a@60".</summary>
    public static string NameAt(int targetBatchMs) => Name + "@" + targetBatchMs.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsEngine(string approach) => approach == Name || approach.StartsWith(Name + "@", StringComparison.Ordinal);

    public static async Task<Measurement> RunAsync(TestDatabase db, int round, string name, int batchSize, int targetBatchMs)
    {
        var segments = new Dictionary<string, double>();
        var mark = Stopwatch.StartNew();
        const string BatchStart = "start -> keys (throttle, begin, checkpoint read)";
        var markName = BatchStart;
        void Mark(string next)
        {
            segments[markName] = segments.GetValueOrDefault(markName) + mark.Elapsed.TotalMilliseconds;
            markName = next;
            mark.Restart();
        }

        var engine = new Runbook(SamplePlan.Document(), db.ConnectionString, new RunbookOptions { TargetBatchTime = TimeSpan.FromMilliseconds(targetBatchMs) })
        {
            BeforeStatement = e =>
            {
                if (e.Table == "tasks")
                {
                    Mark(e.Statement.Contains("keys", StringComparison.Ordinal) ? "keys (select and lock)" : e.Statement == "audit" ? "audit + update" : "unresolved + checkpoint + commit");
                }

                return Task.CompletedTask;
            },
        };
        var sizes = new List<int>();
        var profile = new SyncProgress<BatchProgress>(p =>
        {
            if (p.Table == "tasks" && p.ThrottledFor is null)
            {
                sizes.Add(p.BatchSize);
                Mark(BatchStart); // the batch committed: its last segment ends, the next batch's first begins
            }
        });

        var watch = Stopwatch.StartNew();
        var summary = await engine.BackfillAsync(new BackfillOptions { Tables = ["tasks"], BatchSize = batchSize }, profile);
        var seconds = watch.Elapsed.TotalSeconds;
        var tasks = summary.Tables.Single();
        var detail = $"{tasks.Batches} batches (sizes {SideBySide.Describe(sizes)}), {tasks.Retries} retries, {tasks.RowsUnresolved:N0} unresolved; per batch: " +
                     string.Join(", ", segments.Select(s => $"{s.Key} {s.Value / Math.Max(1, tasks.Batches):F1} ms"));
        return new Measurement(name, round, seconds, tasks.RowsSet, tasks.BatchP50.TotalMilliseconds, tasks.BatchP99.TotalMilliseconds, detail);
    }
}
