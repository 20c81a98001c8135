using System.Diagnostics;
using OrgScope.Runtime.CommandLine;

namespace OrgScope.Cli.Tests;

/// <summary>What one orgscope invocation did.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;

    /// <summary>The non-empty lines of stderr.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs orgscope in process through the shared entry point, or as the real tool in a child process.</summary>
public static class Cli
{
    /// <summary>The sample app, built with the generator: its assembly carries the real plan and scripts.</summary>
    public static string SampleAssembly => Path.Combine(AppContext.BaseDirectory, "OrgScope.Sample.dll");

    /// <summary>A real .NET assembly without a plan.</summary>
    public static string PlanlessAssembly => Path.Combine(AppContext.BaseDirectory, "OrgScope.Plan.dll");

    public static string ToolAssembly => Path.Combine(AppContext.BaseDirectory, "orgscope.dll");

    /// <summary>In process; <paramref name="environment"/> replaces the process environment entirely.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var env = environment ?? new Dictionary<string, string>();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var host = new CommandLineHost(stdout, stderr, IsTerminal: false, name => env.TryGetValue(name, out var value) ? value : null);
        var exit = await OrgScopeCommandLine.RunAsync(args, host, CancellationToken.None);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>As the dotnet tool runs: <c>dotnet orgscope.dll args</c>, with only the given DB_* variables set.</summary>
    public static async Task<CliResult> RunProcessAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(ToolAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "DB_HOST", "DB_PORT", "DB_USER", "DB_PASSWORD", "DB_NAME", "DRY_RUN", "BATCH_SIZE" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
