using System;
using System.Globalization;

namespace OrgScope.Runtime.Connection;

/// <summary>
/// The defaults operators set through the environment in their existing scripts: <c>DRY_RUN=1</c> and
/// <c>BATCH_SIZE=N</c>. Command-line options override them.
/// </summary>
public sealed record RunDefaults(bool DryRun, int? BatchSize)
{
    /// <summary>Environment variable names.</summary>
    public const string DryRunVariable = "DRY_RUN", BatchSizeVariable = "BATCH_SIZE";

    /// <summary>Reads DRY_RUN (1/true/yes/on, 0/false/no/off) and BATCH_SIZE (a positive integer).</summary>
    /// <exception cref="OperatorException">A value is not understood (kind Usage): a typo must not silently mean "write".</exception>
    public static RunDefaults FromEnvironment(Func<string, string?> environment)
    {
        var dryRun = false;
        var dryRunText = environment(DryRunVariable)?.Trim();
        if (!string.IsNullOrEmpty(dryRunText))
        {
            dryRun = dryRunText.ToLowerInvariant() switch
            {
                "1" or "true" or "yes" or "on" => true,
                "0" or "false" or "no" or "off" => false,
                _ => throw new OperatorException(FailureKind.Usage, $"DRY_RUN must be 1 or 0 (true/false), not '{dryRunText}'."),
            };
        }

        int? batchSize = null;
        var batchText = environment(BatchSizeVariable)?.Trim();
        if (!string.IsNullOrEmpty(batchText))
        {
            if (!int.TryParse(batchText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new OperatorException(FailureKind.Usage, $"BATCH_SIZE must be a positive whole number, not '{batchText}'.");
            }

            batchSize = value;
        }

        return new RunDefaults(dryRun, batchSize);
    }
}
