/// <summary>One approach's run on one copy of the data.</summary>
/// <param name="RowsSet">Rows given an organization (every approach sets the same rows; (c) only its sample).</param>
/// <param name="BatchP50Ms">The engine's batch transaction time, median (null for the other approaches).</param>
internal sealed record Measurement(string Approach, int Round, double Seconds, long RowsSet, double? BatchP50Ms = null, double? BatchP99Ms = null, string? Detail = null)
{
    public double RowsPerSecond => RowsSet / Seconds;
}
