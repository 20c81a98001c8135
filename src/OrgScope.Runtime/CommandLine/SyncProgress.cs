using System;

namespace OrgScope.Runtime.CommandLine;

/// <summary>
/// Reports progress on the engine's own thread, in order. (<see cref="Progress{T}"/> posts to the thread pool, so
/// batch lines could come out of order or after the summary.)
/// </summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
