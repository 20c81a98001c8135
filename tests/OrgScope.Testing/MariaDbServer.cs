using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using Xunit;

namespace OrgScope.Testing;

/// <summary>
/// A real MariaDB server for one test assembly. Use it as an xunit collection fixture
/// (<c>[CollectionDefinition("MariaDB")] public sealed class MariaDbCollection : ICollectionFixture&lt;MariaDbServer&gt; { }</c>).
/// If ORGSCOPE_TEST_MYSQL holds a connection string, that server is used (and left running);
/// otherwise a throwaway <c>mariadbd</c> is started on a free port in a temp folder and deleted on dispose.
/// </summary>
public sealed class MariaDbServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "ORGSCOPE_TEST_MYSQL";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly MariaDbServerOptions? _options;
    private int _databaseCounter;
    private readonly SemaphoreSlim _restart = new(1, 1);
    private readonly List<string> _deathLogs = [];
    private Process? _process;
    private string? _directory;
    private string? _mariadbd;
    private string? _dataDir;
    private string? _errorLog;

    /// <summary>The test fixture: ORGSCOPE_TEST_MYSQL's server, else a throwaway one.</summary>
    public MariaDbServer()
    {
    }

    /// <summary>A throwaway server whatever ORGSCOPE_TEST_MYSQL says (tests of this fixture); call InitializeAsync and DisposeAsync.</summary>
    public static MariaDbServer Throwaway() => new(new MariaDbServerOptions());

    /// <summary>Always a throwaway server, started as <paramref name="options"/> say (replication tests: <see cref="ReplicatedMariaDb"/>).</summary>
    /// <remarks>Internal: xunit requires a fixture type to have one public constructor.</remarks>
    internal MariaDbServer(MariaDbServerOptions options)
    {
        _options = options;
    }

    /// <summary>The TCP port the server listens on.</summary>
    public int Port => (int)new MySqlConnectionStringBuilder(ConnectionString).Port;

    /// <summary>Connection string of the server without a database (root, or the user given in ORGSCOPE_TEST_MYSQL).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>True when this fixture started the server itself (false when ORGSCOPE_TEST_MYSQL was used).</summary>
    public bool IsThrowaway => _process is not null;

    /// <summary>The error logs of this server's earlier lives, kept outside its folder each time it died under a test and was started again.</summary>
    public IReadOnlyList<string> DeathLogs
    {
        get
        {
            lock (_deathLogs)
            {
                return _deathLogs.ToList();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (_options is null && !string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = Normalize(new MySqlConnectionStringBuilder(external) { Database = "" });
            await WaitUntilReadyAsync(null).ConfigureAwait(false);
            return;
        }

        var mariadbd = _mariadbd = MariaDbBinaries.Find("mariadbd", "mysqld") ?? throw new InvalidOperationException(MariaDbBinaries.InstallHint);

        // Short path: the socket path must stay under the 108-byte sun_path limit.
        _directory = Path.Combine(Path.GetTempPath(), "orgscope-db-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        var dataDir = _dataDir = Path.Combine(_directory, "data");
        Directory.CreateDirectory(_directory);
        var user = Environment.UserName;

        if (_options?.DataTemplate is { } template)
        {
            CopyDirectory(template, dataDir);
        }
        else
        {
            await InstallDataDirectoryAsync(dataDir).ConfigureAwait(false);
        }

        var errorLog = _errorLog = Path.Combine(_directory, "error.log");
        // The free port is only free until someone else takes it: retry when the bind loses that race.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            _process = StartServer(mariadbd, user, dataDir, errorLog, port);
            ConnectionString = Normalize(new MySqlConnectionStringBuilder
            {
                Server = "127.0.0.1",
                Port = (uint)port,
                UserID = "root",
                Password = "",
            });
            if (await WaitUntilReadyAsync(errorLog).ConfigureAwait(false))
            {
                return;
            }

            var exitCode = _process.ExitCode;
            _process.Dispose();
            _process = null;
            var log = Tail(errorLog);
            if (attempt < 3 && (log.Contains("Address already in use", StringComparison.Ordinal) || log.Contains("Do you already have another", StringComparison.Ordinal)))
            {
                continue;
            }

            throw new InvalidOperationException($"mariadbd exited with code {exitCode} during start.\n{log}");
        }
    }

    /// <summary>
    /// A fresh data directory from mariadb-install-db (root with an empty password, no test database). Servers of one
    /// replication setup start from copies of one such directory, which is faster than installing each. A failed
    /// install is tried once more from scratch (on a loaded machine the bootstrap server has failed now and then); if
    /// the second fails too, the exception carries the bootstrap server's error log, which is deleted with the folder.
    /// </summary>
    /// <param name="serverOptions">More options for the bootstrap server (tests of this fixture).</param>
    public static async Task InstallDataDirectoryAsync(string dataDir, string serverOptions = "")
    {
        var installDb = MariaDbBinaries.Find("mariadb-install-db", "mysql_install_db") ?? throw new InvalidOperationException(MariaDbBinaries.InstallHint);
        // Beside the data directory, not in it: the bootstrap server's own errors (the script only says "examine the logs").
        var errorLog = dataDir.TrimEnd(Path.DirectorySeparatorChar) + ".install.err";
        var failures = new StringBuilder();
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var install = await RunAsync(installDb,
                $"--no-defaults --user={Environment.UserName} --datadir={dataDir} --auth-root-authentication-method=normal --skip-test-db --log-error={errorLog} {serverOptions}").ConfigureAwait(false);
            var log = Tail(errorLog);
            File.Delete(errorLog);
            if (install.ExitCode == 0)
            {
                return;
            }

            failures.Append(CultureInfo.InvariantCulture, $"attempt {attempt}: exit code {install.ExitCode}; ")
                .Append(FirstLines(install.Output, 3)).Append('\n').Append(log).Append('\n');
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }

        throw new InvalidOperationException($"mariadb-install-db failed twice for {dataDir}:\n{failures}");
    }

    // The script's own words before its boilerplate ("Installation of system tables failed!  Examine the logs in ...").
    private static string FirstLines(string output, int count) =>
        string.Join(" / ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(count));

    private Process StartServer(string mariadbd, string user, string dataDir, string errorLog, int port)
    {
        // Small and fast: durability does not matter for a throwaway server. Replication setups need a binary log
        // (the primary) and a server id each; a replica reports its address so the primary lists it.
        var replication = _options is null
            ? ["--skip-log-bin"]
            : new[] { $"--server-id={_options.ServerId}" }
                .Concat(_options.BinaryLog ? ["--log-bin=binlog", "--binlog-format=ROW"] : ["--skip-log-bin"])
                .Concat(_options.ReportAddress ? ["--report-host=127.0.0.1", $"--report-port={port}"] : Array.Empty<string>())
                .ToArray();
        var arguments = string.Join(" ",
            new[]
            {
                "--no-defaults", $"--user={user}", $"--datadir={dataDir}", $"--socket={Path.Combine(_directory!, "sock")}",
                $"--pid-file={Path.Combine(_directory!, "pid")}", $"--log-error={errorLog}",
                $"--port={port}", "--bind-address=127.0.0.1", "--skip-networking=0",
                $"--innodb-buffer-pool-size={_options?.BufferPoolMegabytes ?? 128}M", "--innodb-log-file-size=48M", "--innodb-flush-log-at-trx-commit=2",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci", "--max-connections=500",
            }.Concat(replication));
        var start = new ProcessStartInfo(mariadbd, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + mariadbd);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A fresh, uniquely named, empty database; dispose it to drop it.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(string prefix)
    {
        await StartAgainIfDeadAsync().ConfigureAwait(false);
        var clean = new string(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        if (clean.Length > 30)
        {
            clean = clean.Substring(0, 30);
        }

        var name = $"t_{clean}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid().ToString("N").Substring(0, 8)}";
        await using (var connection = new MySqlConnection(ConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new TestDatabase(this, name, Normalize(new MySqlConnectionStringBuilder(ConnectionString) { Database = name }));
    }

    /// <summary>
    /// A throwaway server that died under a test (MariaDB 10.11.19 segfaulted once in ha_maria::drop_table, dropping an
    /// internal temporary table, while the crash tests killed worker processes) fails the tests in flight, which see
    /// their connections refused; the next test that asks for a database gets the server back, started again on the
    /// same data directory and port (InnoDB recovers it), instead of every later test failing for the same one crash.
    /// The dead server's error log (its backtrace) is kept outside the folder, listed in <see cref="DeathLogs"/>, and
    /// said on standard error.
    /// </summary>
    private async Task StartAgainIfDeadAsync()
    {
        if (_process is not { HasExited: true })
        {
            return;
        }

        await _restart.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_process is not { HasExited: true } dead)
            {
                return;
            }

            var exitCode = dead.ExitCode;
            var kept = Path.Combine(Path.GetTempPath(), $"orgscope-mariadb-died-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N").Substring(0, 6)}.log");
            File.Copy(_errorLog!, kept, overwrite: true);
            lock (_deathLogs)
            {
                _deathLogs.Add(kept);
            }

            Console.Error.WriteLine($"OrgScope.Testing: the MariaDB server on port {Port} died under a test (exit code {exitCode}); its error log is kept in {kept}; starting it again.\n{Tail(kept)}");
            dead.Dispose();
            _process = StartServer(_mariadbd!, Environment.UserName, _dataDir!, _errorLog!, Port);
            if (!await WaitUntilReadyAsync(_errorLog).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"The MariaDB server on port {Port} died under a test (exit code {exitCode}, error log kept in {kept}) and did not start again:\n{Tail(_errorLog)}");
            }
        }
        finally
        {
            _restart.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                await using var connection = new MySqlConnection(ConnectionString);
                await connection.OpenAsync().ConfigureAwait(false);
                await using var command = new MySqlCommand("SHUTDOWN", connection);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (MySqlException)
            {
                // Already gone or refusing: the kill below handles it.
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
            _process = null;
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is not worth failing a test run for.
            }
        }
    }

    private static string Normalize(MySqlConnectionStringBuilder builder)
    {
        // Scripts use @variables; the fixture's servers have no TLS.
        builder.AllowUserVariables = true;
        builder.SslMode = MySqlSslMode.None;
        builder.DefaultCommandTimeout = 120;
        return builder.ConnectionString;
    }

    /// <summary>True once the server accepts connections; false when the started process exited first.</summary>
    private async Task<bool> WaitUntilReadyAsync(string? errorLog)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
            {
                return false;
            }

            try
            {
                await using var connection = new MySqlConnection(ConnectionString);
                await connection.OpenAsync().ConfigureAwait(false);
                return true;
            }
            catch (MySqlException e)
            {
                last = e;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new InvalidOperationException(
            $"MariaDB did not accept connections within {StartTimeout.TotalSeconds}s ({ConnectionString}): {last?.Message}\n{Tail(errorLog)}");
    }

    private static string Tail(string? file)
    {
        if (file is null || !File.Exists(file))
        {
            return "(no error log)";
        }

        var lines = File.ReadAllLines(file);
        return "error log tail:\n" + string.Join("\n", lines.Skip(Math.Max(0, lines.Length - 30)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        var output = new StringBuilder().Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false)).ToString();
        return (process.ExitCode, output);
    }
}
