using System.Globalization;
using OrgScope.Plan;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// The crash tests' child process: `dotnet OrgScope.Runtime.Tests.dll backfill-child PLAN.json CONNECTION BATCH_SIZE
/// [WORKERS RANGE_ROWS]` runs a backfill (fixed batch sizes) and prints one line per committed batch, then waits for a
/// line on stdin before it goes on, so that the parent, however far behind it reads, can SIGKILL it at a chosen batch
/// (<see cref="ChildBackfill"/>). (Under the test runner this entry point is never called.)
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length is not (4 or 6) || args[0] != "backfill-child")
        {
            Console.Error.WriteLine("usage: backfill-child PLAN.json CONNECTION BATCH_SIZE [WORKERS RANGE_ROWS]");
            return 2;
        }

        var plan = PlanReader.Parse(await File.ReadAllTextAsync(args[1]), args[1]);
        var runbook = new Runbook(plan, args[2], SampleDatabase.FixedBatches);
        var progress = new SyncProgress<BatchProgress>(p =>
        {
            if (p.ThrottledFor is not null)
            {
                return; // waiting or throttled: no batch ran
            }

            Console.Out.WriteLine($"batch {p.Table} {p.BatchNumber}");
            Console.Out.Flush();
            Console.In.ReadLine();
        });
        var options = new BackfillOptions { BatchSize = int.Parse(args[3], CultureInfo.InvariantCulture) };
        if (args.Length == 6)
        {
            options = options with { Workers = int.Parse(args[4], CultureInfo.InvariantCulture), RangeRows = int.Parse(args[5], CultureInfo.InvariantCulture) };
        }

        var summary = await runbook.BackfillAsync(options, progress);
        Console.Out.WriteLine($"done {summary.RunId}");
        return 0;
    }
}
