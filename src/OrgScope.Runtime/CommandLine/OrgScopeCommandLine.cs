using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.CommandLine;

/// <summary>Where a command line runs: its streams, whether stdout is a terminal, its environment, the hosting app.</summary>
public sealed record CommandLineHost(
    TextWriter Out,
    TextWriter Error,
    bool IsTerminal,
    Func<string, string?> Environment,
    Assembly? PlanAssembly = null);

/// <summary>
/// The <c>orgscope</c> command line, shared by the dotnet tool and by apps that host the runbook themselves:
/// <code>return await OrgScopeCommandLine.RunAsync(args, typeof(Program).Assembly);</code>
/// Parses with System.CommandLine against <see cref="OrgScopeRootCommand"/> (the one definition of every command and
/// option), runs one command, prints every failure as one line on stderr and returns the exit code (see <see cref="ExitCodes"/>).
/// </summary>
public static class OrgScopeCommandLine
{
    /// <summary>
    /// Runs on the process console. Ctrl+C (or SIGTERM) once: cancel gracefully — the batch in flight finishes and
    /// commits its checkpoint, exit 130; a second Ctrl+C aborts at once.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="planAssembly">The app's own assembly when hosted in-app (then <c>--assembly</c> is optional).</param>
    public static async Task<int> RunAsync(string[] args, Assembly? planAssembly = null)
    {
        using var cancellation = new CancellationTokenSource();
        var presses = 0;
        void OnSignal(PosixSignalContext context)
        {
            if (Interlocked.Increment(ref presses) == 1)
            {
                context.Cancel = true;
                Console.Error.WriteLine("orgscope: cancelling: finishing the batch in flight and committing its checkpoint (Ctrl+C again aborts).");
                cancellation.Cancel();
            }
            else
            {
                context.Cancel = false;
            }
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var host = new CommandLineHost(Console.Out, Console.Error, !Console.IsOutputRedirected, System.Environment.GetEnvironmentVariable, planAssembly);
        return await RunAsync(args, host, cancellation.Token).ConfigureAwait(false);
    }

    /// <summary>Runs on the given streams and environment (tests, or a host with its own console).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandLineHost host, CancellationToken cancellationToken)
    {
        var root = new OrgScopeRootCommand();
        var parsed = root.Parse(args);
        // Read from the parse (response files included), so that even a usage error comes out as JSON when asked.
        var json = parsed.GetResult(root.LogFormat)?.Tokens is [{ Value: "json" }];
        var output = new CommandOutput(host.Out, host.Error, host.IsTerminal && !json, json);
        CommandContext? context = null;
        try
        {
            if (parsed.Errors.Count > 0)
            {
                return Fail(output, UsageErrors.Describe(parsed, root), ExitCodes.Usage);
            }

            if (parsed.Action is not null)
            {
                // --help, --version, [suggest] (tab completion through dotnet-suggest): the parser's own actions.
                return await parsed.InvokeAsync(new InvocationConfiguration
                {
                    Output = output.Out,
                    Error = output.Error,
                    EnableDefaultExceptionHandler = false,
                    ProcessTerminationTimeout = null,
                }, cancellationToken).ConfigureAwait(false);
            }

            var command = (OrgScopeCommand)parsed.CommandResult.Command;
            context = new CommandContext(parsed, root, output, host.Environment, host.PlanAssembly);
            return await command.RunAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperatorException ex)
        {
            return Fail(output, ex.Message, ExitCode(ex.Kind));
        }
        catch (Exception ex) when (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return Fail(output, "cancelled: work committed so far is kept; run the same command again to resume.", ExitCodes.Cancelled);
        }
        catch (Exception ex) when (ex is MySqlException or SocketException)
        {
            var explained = context is not null && TrySettings(context) is { } settings ? DatabaseFailures.Explain(ex, settings) : null;
            return explained is not null
                ? Fail(output, explained.Message, ExitCode(explained.Kind))
                : Fail(output, $"database error: {OneLine(ex.Message)}", ExitCodes.Failed);
        }
        catch (Exception ex)
        {
            return Fail(output, $"unexpected {ex.GetType().Name}: {OneLine(ex.Message)}", ExitCodes.Failed);
        }
        finally
        {
            await output.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The tool's version (the assembly's informational version).</summary>
    public static string Version =>
        typeof(OrgScopeCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The exit code of a failure kind.</summary>
    public static int ExitCode(FailureKind kind) => kind switch
    {
        FailureKind.Refused => ExitCodes.Refused,
        FailureKind.Usage => ExitCodes.Usage,
        FailureKind.Configuration => ExitCodes.Configuration,
        FailureKind.Schema => ExitCodes.Schema,
        _ => ExitCodes.Failed,
    };

    private static int Fail(CommandOutput output, string message, int exitCode)
    {
        output.Failure(OneLine(message), exitCode);
        return exitCode;
    }

    private static ConnectionSettings? TrySettings(CommandContext context)
    {
        try
        {
            return context.Settings;
        }
        catch (OperatorException)
        {
            return null;
        }
    }

    // Errors are one line: server messages sometimes carry newlines.
    private static string OneLine(string message) => string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
