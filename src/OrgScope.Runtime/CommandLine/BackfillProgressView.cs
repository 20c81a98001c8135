using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Spectre.Console;

namespace OrgScope.Runtime.CommandLine;

/// <summary>
/// Shows the engine's per-batch progress: on a terminal, a live bar per table (rows done / total, rows/s, ETA);
/// redirected, one line per batch (text, or JSON with <c>--log-format json</c>) that a log collector can parse.
/// </summary>
internal sealed class BackfillProgressView(CommandOutput output)
{
    public async Task<T> RunAsync<T>(IReadOnlyList<string> tables, Func<IProgress<BatchProgress>, Task<T>> work)
    {
        if (!output.IsTerminal || output.Json)
        {
            return await work(new SyncProgress<BatchProgress>(Log)).ConfigureAwait(false);
        }

        T result = default!;
        await output.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = new Dictionary<string, ProgressTask>(StringComparer.OrdinalIgnoreCase);
                foreach (var table in tables)
                {
                    bars[table] = context.AddTask(Markup.Escape(table), autoStart: false);
                }

                result = await work(new SyncProgress<BatchProgress>(p =>
                {
                    if (!bars.TryGetValue(p.Table, out var bar))
                    {
                        bar = bars[p.Table] = context.AddTask(Markup.Escape(p.Table));
                    }

                    if (p.ThrottledFor is not null)
                    {
                        // Throttled or waiting: no batch ran, the bar keeps its value and says why.
                        bar.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{p.Table,-20} {p.Phase}: {p.ThrottleReason}"));
                        return;
                    }

                    bar.StartTask();
                    bar.MaxValue = Math.Max(1, p.RowsTotal);
                    bar.Value = Math.Min(p.RowsDone, bar.MaxValue);
                    bar.Description = Markup.Escape(Describe(p));
                })).ConfigureAwait(false);
                foreach (var bar in bars.Values)
                {
                    if (bar.IsStarted)
                    {
                        bar.Value = bar.MaxValue;
                        bar.StopTask();
                    }
                }
            }).ConfigureAwait(false);
        return result;
    }

    private void Log(BatchProgress p)
    {
        if (output.Json)
        {
            output.Event(p.ThrottledFor is null ? "batch" : p.Phase, w =>
            {
                w.WriteString("table", p.Table);
                w.WriteString("phase", p.Phase);
                if (p.RunId is { } run)
                {
                    w.WriteNumber("run", run);
                }

                w.WriteNumber("batch", p.BatchNumber);
                w.WriteNumber("rowsDone", p.RowsDone);
                w.WriteNumber("rowsTotal", p.RowsTotal);
                w.WriteNumber("rowsSet", p.RowsSet);
                w.WriteNumber("rowsUnresolved", p.RowsUnresolved);
                w.WriteNumber("rowsPerSecond", Math.Round(p.RowsPerSecond, 1));
                if (p.Eta is { } eta)
                {
                    w.WriteNumber("etaSeconds", Math.Round(eta.TotalSeconds, 1));
                }

                w.WriteNumber("batchMs", Math.Round(p.BatchDuration.TotalMilliseconds, 1));
                w.WriteNumber("batchSize", p.BatchSize);
                w.WriteNumber("attempts", p.Attempts);
                if (p.ThrottledFor is { } throttled)
                {
                    w.WriteNumber("throttledMs", Math.Round(throttled.TotalMilliseconds));
                    w.WriteString("reason", p.ThrottleReason);
                }
            });
            return;
        }

        output.Line(p.ThrottledFor is { } waited
            ? $"{p.Phase} {p.Table}: {p.ThrottleReason}; waited {waited.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
            : string.Create(CultureInfo.InvariantCulture,
                $"batch {p.Table} {p.Phase} #{p.BatchNumber} rows {p.RowsDone}/{p.RowsTotal} set {p.RowsSet} unresolved {p.RowsUnresolved} {p.RowsPerSecond:0} rows/s eta {(p.Eta is { } e ? CommandOutput.Duration(e) : "?")} {p.BatchDuration.TotalMilliseconds:0} ms size {p.BatchSize} attempts {p.Attempts}"));
    }

    private static string Describe(BatchProgress p) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{p.Table,-20} {CommandOutput.Count(p.RowsDone)}/{CommandOutput.Count(p.RowsTotal)} rows  {p.RowsPerSecond:N0} rows/s  ETA {(p.Eta is { } e ? CommandOutput.Duration(e) : "?")}  batch {p.BatchSize}");
}
