using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Plan.Rendering.OnlineSchemaChange;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.Constraints;

/// <summary>
/// Runs pt-online-schema-change or gh-ost for one table, with the arguments 003-add-constraints.sh shows
/// (<see cref="OnlineCommand"/>). The password goes into a private option file for the tool's run, never onto its
/// command line (where ps shows it). A tool that fails leaves the original table as it was: both build a copy and swap
/// it in only at the end.
/// </summary>
internal sealed class OnlineTool
{
    private readonly string _strategy;
    private readonly string _path;
    private readonly MySqlConnectionStringBuilder _connection;
    private readonly int _maxThreadsRunning;

    private OnlineTool(string strategy, string path, MySqlConnectionStringBuilder connection, int maxThreadsRunning)
    {
        _strategy = strategy;
        _path = path;
        _connection = connection;
        _maxThreadsRunning = maxThreadsRunning;
    }

    /// <summary>The tool of the plan's strategy, or a configuration failure that says how to install it (before anything changes).</summary>
    public static OnlineTool Find(string strategy, string connectionString, ConstrainOptions options)
    {
        var executable = OnlineCommand.Executable(strategy);
        var path = options.ToolPath ?? OnPath(executable);
        if (path is null || !File.Exists(path))
        {
            var install = strategy == "PtOnlineSchemaChange"
                ? "install percona-toolkit (Debian/Ubuntu: apt-get install percona-toolkit)"
                : "install gh-ost (a release binary from github.com/github/gh-ost; it is not packaged in Debian)";
            throw new OperatorException(FailureKind.Configuration,
                $"constrain refused, nothing altered: the plan delivers NOT NULL with {executable} (OrgScopeConstraintStrategy={strategy}), which is not on PATH: {install}, "
                + "or run scripts/orgscope/003-add-constraints.sh on a machine that has it.");
        }

        return new OnlineTool(strategy, path, new MySqlConnectionStringBuilder(connectionString), options.MaxThreadsRunning);
    }

    public string Name => Path.GetFileName(_path);

    /// <summary>Applies <paramref name="alter"/> to <paramref name="table"/>; throws with the tool's last lines when it fails.</summary>
    public async Task RunAsync(string table, string alter, Action<string>? output)
    {
        var directory = Directory.CreateTempSubdirectory("orgscope-tool-");
        var defaults = Path.Combine(directory.FullName, "client.cnf");
        try
        {
            // Readable by this user only: it holds the password.
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var file = new FileStream(defaults, fileOptions))
            {
                var content = "[client]\npassword=\"" + _connection.Password.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"\n";
                await file.WriteAsync(Encoding.UTF8.GetBytes(content)).ConfigureAwait(false);
            }

            var connection = new OnlineConnection(
                _connection.Server, _connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), _connection.UserID, _connection.Database, defaults);
            var start = new ProcessStartInfo(_path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in OnlineCommand.Arguments(_strategy, table, alter, connection, _maxThreadsRunning))
            {
                start.ArgumentList.Add(argument);
            }

            var tail = new Queue<string>();
            void Line(string? line)
            {
                if (line is null)
                {
                    return;
                }

                lock (tail)
                {
                    tail.Enqueue(line);
                    if (tail.Count > 8)
                    {
                        tail.Dequeue();
                    }
                }

                output?.Invoke(line);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{_path} did not start.");
            process.OutputDataReceived += (_, e) => Line(e.Data);
            process.ErrorDataReceived += (_, e) => Line(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            // Never killed on Ctrl+C: a tool stopped half way leaves its triggers and copy behind. It finishes the
            // table (or fails cleanly), and then the invocation is undone.
            await process.WaitForExitAsync().ConfigureAwait(false);
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                string last;
                lock (tail)
                {
                    last = string.Join(" | ", tail.Select(l => l.Trim()).Where(l => l.Length > 0));
                }

                throw new OnlineToolException($"{Name} exited with code {process.ExitCode} on {table}: {last}");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string? OnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, executable))
            .FirstOrDefault(File.Exists);
}

/// <summary>An online schema-change tool failed; the message holds its last lines of output.</summary>
internal sealed class OnlineToolException(string message) : Exception(message);
