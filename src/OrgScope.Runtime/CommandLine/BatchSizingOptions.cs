using System;
using System.CommandLine;

namespace OrgScope.Runtime.CommandLine;

/// <summary>
/// --target-batch-ms, --min-batch-size, --max-batch-size: batch auto-sizing, defined once for every command that runs
/// batches (backfill, rollback); each command has its own instance (<see cref="AddTo"/> in its constructor).
/// </summary>
internal sealed class BatchSizingOptions
{
    public readonly Option<int?> TargetBatchMs = TypedOptions.NonNegativeInt("--target-batch-ms", "MS",
        $"Steer batch sizes toward this batch time, the time a batch holds its row locks (default {RunbookOptions.DefaultTargetBatchTime.TotalMilliseconds:0}; 0: every batch --batch-size rows)");

    public readonly Option<int?> MinBatchSize = TypedOptions.PositiveInt("--min-batch-size", "N",
        $"The smallest batch auto-sizing goes down to (default {RunbookOptions.Default.MinBatchSize})");

    public readonly Option<int?> MaxBatchSize = TypedOptions.PositiveInt("--max-batch-size", "N",
        $"The largest batch auto-sizing goes up to: the most rows a batch locks (default {RunbookOptions.Default.MaxBatchSize:N0})");

    public void AddTo(Command command)
    {
        command.Options.Add(TargetBatchMs);
        command.Options.Add(MinBatchSize);
        command.Options.Add(MaxBatchSize);
        command.Validators.Add(result =>
        {
            int min, max;
            try
            {
                min = result.GetValue(MinBatchSize) ?? RunbookOptions.Default.MinBatchSize;
                max = result.GetValue(MaxBatchSize) ?? RunbookOptions.Default.MaxBatchSize;
            }
            catch (InvalidOperationException)
            {
                return; // a value that did not parse: its own error says so
            }

            if (min > max)
            {
                result.AddError($"--min-batch-size {min} is above --max-batch-size {max}.");
            }
        });
    }

    public RunbookOptions Apply(CommandContext context, RunbookOptions options) => options with
    {
        TargetBatchTime = context.Value(TargetBatchMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : options.TargetBatchTime,
        MinBatchSize = context.Value(MinBatchSize) ?? options.MinBatchSize,
        MaxBatchSize = context.Value(MaxBatchSize) ?? options.MaxBatchSize,
    };
}
