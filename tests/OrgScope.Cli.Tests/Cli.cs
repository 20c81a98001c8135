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

    /// <summary>
    /// The real tool in a child process with <paramref name="environment"/> added; sends it SIGINT (Ctrl+C) once
    /// <paramref name="interruptAfter"/> is true of a line it printed (then reads on to its end). Its exit code, its
    /// stdout lines, and everything it printed (stdout, then stderr).
    /// </summary>
    public static Task<(int ExitCode, List<string> Lines, string All)> RunAndInterruptAsync(
        IReadOnlyDictionary<string, string> environment, Func<string, bool> interruptAfter, params string[] args) =>
        RunAndSignalAsync(environment, "INT", line => Task.FromResult(interruptAfter(line)), args);

    /// <summary>
    /// The real tool in a child process; <paramref name="onLine"/> hears each line it prints (and may act on the
    /// database meanwhile) and says when to send <paramref name="signal"/> (INT, TERM), sent once. A tool still running
    /// after two minutes is killed, so a hang fails the test's assertions with the output instead of hanging the suite.
    /// </summary>
    public static async Task<(int ExitCode, List<string> Lines, string All)> RunAndSignalAsync(
        IReadOnlyDictionary<string, string> environment, string signal, Func<string, Task<bool>> onLine, params string[] args)
    {
        // Through env --default-signal=INT: a test run started in the background (nohup, `cmd &`) inherits SIGINT
        // ignored, as Unix does for background jobs, and the tool would rightly never see the Ctrl+C this test sends.
        // env execs the tool in place, so the pid signalled below is the tool's.
        var start = new ProcessStartInfo("env") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(ToolAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var guard = new Timer(_ => KillQuietly(process), null, TimeSpan.FromMinutes(2), Timeout.InfiniteTimeSpan);
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        var signalled = false;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (await onLine(line) && !signalled)
            {
                signalled = true;
                using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                await kill.WaitForExitAsync();
            }
        }

        await process.WaitForExitAsync();
        return (process.ExitCode, lines, string.Join("\n", lines) + "\n--- stderr\n" + await stderr);
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
