using OrgScope.Plan;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// The crash tests' child process: `dotnet OrgScope.Runtime.Tests.dll backfill-child PLAN.json CONNECTION BATCH_SIZE`
/// runs a backfill and prints one line per committed batch, then waits for a line on stdin before it goes on, so that
/// the parent, however far behind it reads, can SIGKILL it at a chosen batch.
/// (Under the test runner this entry point is never called.)
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 4 || args[0] != "backfill-child")
        {
            Console.Error.WriteLine("usage: backfill-child PLAN.json CONNECTION BATCH_SIZE");
            return 2;
        }

        var plan = PlanReader.Parse(await File.ReadAllTextAsync(args[1]), args[1]);
        var runbook = new Runbook(plan, args[2], SampleDatabase.FixedBatches);
        var progress = new SyncProgress<BatchProgress>(p =>
        {
            Console.Out.WriteLine($"batch {p.Table} {p.BatchNumber}");
            Console.Out.Flush();
            Console.In.ReadLine();
        });
        var summary = await runbook.BackfillAsync(new BackfillOptions { BatchSize = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) }, progress);
        Console.Out.WriteLine($"done {summary.RunId}");
        return 0;
    }
}
