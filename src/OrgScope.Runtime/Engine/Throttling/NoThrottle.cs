using System.Threading;
using System.Threading.Tasks;

namespace OrgScope.Runtime.Engine.Throttling;

/// <summary>Never holds a batch back: what a command runs with when no throttle is configured.</summary>
internal sealed class NoThrottle : IThrottle
{
    public static readonly NoThrottle Instance = new();

    private NoThrottle()
    {
    }

    public ValueTask<ThrottleVerdict> CheckAsync(CancellationToken cancellationToken) => ValueTask.FromResult(ThrottleVerdict.Go);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
