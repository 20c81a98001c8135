using System;
using System.CommandLine;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.CommandLine;

/// <summary>
/// What a command runs with: the parse (its typed option values), the output, the environment, and — loaded on first
/// use, each failure explained in one line — the plan and the connection settings.
/// </summary>
internal sealed class CommandContext
{
    private readonly OrgScopeRootCommand root;
    private readonly Assembly? hostAssembly;
    private PlanDocument? plan;
    private ConnectionSettings? settings;

    public CommandContext(ParseResult parsed, OrgScopeRootCommand root, CommandOutput output, Func<string, string?> environment, Assembly? hostAssembly)
    {
        Parsed = parsed;
        this.root = root;
        Output = output;
        Environment = environment;
        this.hostAssembly = hostAssembly;
    }

    /// <summary>The parsed command line.</summary>
    public ParseResult Parsed { get; }

    /// <summary>Where to write.</summary>
    public CommandOutput Output { get; }

    /// <summary>Reads an environment variable (tests pass their own).</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>The value of one of the command's options (its default when not given).</summary>
    public T? Value<T>(Option<T> option) => Parsed.GetValue(option);

    /// <summary>Whether the option was written on the command line.</summary>
    public bool Given(Option option) => Parsed.GetResult(option) is { Implicit: false };

    /// <summary>The plan: from <c>--assembly</c>, else from the hosting app's assembly.</summary>
    /// <exception cref="OperatorException">No assembly given (Usage), or it carries no readable plan (Configuration).</exception>
    public PlanDocument Plan => plan ??= LoadPlan();

    /// <summary>The connection settings (and, from now on, the password is masked in all output).</summary>
    /// <exception cref="OperatorException">Nothing usable configured (Configuration).</exception>
    public ConnectionSettings Settings
    {
        get
        {
            if (settings is null)
            {
                settings = ConnectionSettings.Resolve(Value(root.Connection), Environment);
                Output.Protect(settings);
            }

            return settings;
        }
    }

    /// <summary>Opens a connection, every failure to connect explained in one line.</summary>
    public Task<MySqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        DatabaseFailures.OpenAsync(Settings, cancellationToken);

    private PlanDocument LoadPlan()
    {
        var path = Value(root.Assembly);
        try
        {
            if (path is not null)
            {
                return PlanReader.FromAssemblyFile(path);
            }

            if (hostAssembly is not null)
            {
                return PlanReader.FromAssembly(hostAssembly);
            }
        }
        catch (PlanException ex)
        {
            throw new OperatorException(FailureKind.Configuration, ex.Message, ex);
        }

        throw new OperatorException(FailureKind.Usage,
            "--assembly is required: the app's built assembly that carries the OrgScope plan, e.g. --assembly bin/Release/net10.0/App.dll.");
    }
}
