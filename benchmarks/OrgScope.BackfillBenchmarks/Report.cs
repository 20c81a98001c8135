using System.Globalization;

/// <summary>
/// Prints every run and the figures the targets are stated in: per round the ratios of approaches measured side by side
/// (a/b, a/d, and a/c when (c) ran), then their median over the rounds with the spread (min–max), and the engine's
/// batch p50/p99 likewise.
/// </summary>
internal static class Report
{
    public static void Print(IReadOnlyList<Measurement> runs, BenchmarkArguments arguments)
    {
        Console.WriteLine();
        Console.WriteLine("| round | approach | rows set | time | rows/s | batch p50 / p99 |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|");
        foreach (var m in runs.OrderBy(m => m.Round).ThenBy(m => m.Approach, StringComparer.Ordinal))
        {
            var batches = m.BatchP50Ms is { } p50 ? $"{p50:F1} / {m.BatchP99Ms:F1} ms" : "";
            Console.WriteLine($"| {m.Round} | ({m.Approach}) | {m.RowsSet:N0} | {m.Seconds:F2} s | {m.RowsPerSecond:N0} | {batches} |");
        }

        foreach (var m in runs.Where(m => m.Detail is not null))
        {
            Console.WriteLine($"round {m.Round} ({m.Approach}): {m.Detail}");
        }

        Console.WriteLine();
        var rounds = runs.GroupBy(m => m.Round).ToList();
        foreach (var name in runs.Select(m => m.Approach).Where(EngineApproach.IsEngine).Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal))
        {
            Ratio(rounds, name, "b", "target >= 0.8");
            Ratio(rounds, name, "d", "target >= 0.8: (d) is the bound for a batched approach");
            Ratio(rounds, name, "d+u", "(d) that also records the unresolved rows: what is left is the audit and the engine's per-batch work");
            Ratio(rounds, name, "d+a+u", "(d) writing with the engine's own audit, update and unresolved statements: what is left is the engine's own machinery");
            Ratio(rounds, name, "c", "per-row rate, extrapolated");
            var engine = runs.Where(m => m.Approach == name).ToList();
            Console.WriteLine($"({name}) time: {Summary(engine.Select(m => m.Seconds), "F2")} s; batch p50: {Summary(engine.Select(m => m.BatchP50Ms!.Value), "F1")} ms; " +
                              $"batch p99: {Summary(engine.Select(m => m.BatchP99Ms!.Value), "F1")} ms (target <= 100 ms)");
        }

        Console.WriteLine($"medians of {rounds.Count} round(s) [min–max]; batch size {arguments.BatchSize}, {arguments.Rows:N0} tasks");
    }

    // Rows per second, so that (c)'s sample compares with the full runs.
    private static void Ratio(List<IGrouping<int, Measurement>> rounds, string engine, string other, string note)
    {
        var label = engine + "/" + other;
        var ratios = rounds
            .Select(r => (Engine: r.FirstOrDefault(m => m.Approach == engine), Other: r.FirstOrDefault(m => m.Approach == other)))
            .Where(p => p.Engine is not null && p.Other is not null)
            .Select(p => p.Engine!.RowsPerSecond / p.Other!.RowsPerSecond)
            .ToList();
        if (ratios.Count > 0)
        {
            Console.WriteLine($"{label} = {Summary(ratios, "F2")} ({note}); per round: {string.Join(", ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}");
        }
    }

    private static string Summary(IEnumerable<double> values, string format)
    {
        var sorted = values.OrderBy(v => v).ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{median.ToString(format, CultureInfo.InvariantCulture)} [{sorted[0].ToString(format, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(format, CultureInfo.InvariantCulture)}]");
    }
}
