namespace OrgScope.Build.Tests.Infrastructure;

/// <summary>A folder of its own per test, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string? parent = null)
    {
        Path = System.IO.Path.Combine(parent ?? System.IO.Path.GetTempPath(), "orgscope-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the OS temp folder is cleaned anyway.
        }
    }
}
