using System.Collections.Generic;

namespace OrgScope.Runtime.Engine.Throttling;

/// <summary>
/// The one place where the throttles a command runs under are chosen from <see cref="RunbookOptions"/>. A new throttle:
/// an <see cref="IThrottle"/> in this folder, its option in RunbookOptions, one line here.
/// </summary>
internal static class Throttles
{
    /// <param name="writes">
    /// False for a command that only reads (the dry run): server load still matters, but throttles that guard against
    /// what writes cause (replica lag) do not apply.
    /// </param>
    public static ThrottleGate Create(string connectionString, RunbookOptions options, bool writes)
    {
        var throttles = new List<IThrottle>();
        if (options.MaxThreadsRunning > 0)
        {
            throttles.Add(new ThreadsRunningThrottle(connectionString, options));
        }

        if (writes && options.MaxReplicaLag is not null)
        {
            throttles.Add(new ReplicaLagThrottle(connectionString, options));
        }

        IThrottle throttle = throttles.Count switch
        {
            0 => NoThrottle.Instance,
            1 => throttles[0],
            _ => new AllThrottles(throttles),
        };
        return new ThrottleGate(throttle, options.ThrottleDelay);
    }
}
