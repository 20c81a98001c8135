using System.Diagnostics;
using System.Globalization;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// A backfill in a child process (<see cref="Program"/>), driven batch by batch: the parent answers each batch line,
/// and at the chosen batch SIGKILLs it 0-3 ms after its answer, inside the next batch's transaction most of the time.
/// </summary>
internal static class ChildBackfill
{
    /// <summary>Runs the child until its <paramref name="killAt"/>-th batch line (then kills it) or its end (null: never kill). Returns the batch lines seen and whether it finished.</summary>
    public static async Task<(int Batches, bool Finished)> RunAsync(string planFile, string connectionString, int batchSize, int? killAt, int workers = 1, int rangeRows = BackfillOptions.DefaultRangeRows)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     typeof(Program).Assembly.Location, "backfill-child", planFile, connectionString, batchSize.ToString(CultureInfo.InvariantCulture),
                     workers.ToString(CultureInfo.InvariantCulture), rangeRows.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var seen = 0;
        var finished = false;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("done ", StringComparison.Ordinal))
            {
                finished = true;
                continue;
            }

            if (!line.StartsWith("batch ", StringComparison.Ordinal))
            {
                continue;
            }

            // The child waits for this line after each batch: it can never run ahead of what the parent has read.
            await child.StandardInput.WriteLineAsync("go");
            await child.StandardInput.FlushAsync();
            if (++seen == killAt)
            {
                await Task.Delay(new Random(killAt.Value).Next(0, 4));
                child.Kill(entireProcessTree: true); // SIGKILL: no finally, no rollback from the client
                break;
            }
        }

        await child.WaitForExitAsync();
        if (killAt is null && child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the child failed (exit {child.ExitCode}): {await stderr}");
        }

        Assert.True(finished || seen == killAt, $"the child ended after {seen} batches, before batch {killAt}: {await stderr}");
        return (seen, finished);
    }
}
