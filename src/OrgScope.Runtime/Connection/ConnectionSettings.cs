using System;
using System.Globalization;
using MySqlConnector;

namespace OrgScope.Runtime.Connection;

/// <summary>
/// Where to connect: from <c>--connection "Server=...;Database=...;User ID=...;Password=..."</c>, or from the
/// variables operators already use (DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME). <c>--connection</c> wins
/// when both are present. <see cref="Description"/> is the only form that may be printed or logged.
/// </summary>
public sealed class ConnectionSettings
{
    /// <summary>The environment variables read when no connection string is given.</summary>
    public const string HostVariable = "DB_HOST", PortVariable = "DB_PORT", UserVariable = "DB_USER",
        PasswordVariable = "DB_PASSWORD", DatabaseVariable = "DB_NAME";

    private readonly MySqlConnectionStringBuilder builder;

    private ConnectionSettings(MySqlConnectionStringBuilder builder, string origin)
    {
        this.builder = builder;
        Origin = origin;
        Redactor = new SecretRedactor(builder.Password);
    }

    /// <summary>The full connection string, password included: pass it to a connection, never to an output.</summary>
    public string ConnectionString => builder.ConnectionString;

    /// <summary>Host name as configured.</summary>
    public string Host => builder.Server;

    /// <summary>TCP port.</summary>
    public uint Port => builder.Port;

    /// <summary>User name.</summary>
    public string User => builder.UserID;

    /// <summary>Database (schema) name.</summary>
    public string Database => builder.Database;

    /// <summary>Where the settings came from: "--connection" or "DB_* variables" (for error messages).</summary>
    public string Origin { get; }

    /// <summary>Removes the password from any text that might carry it (a last line of defence for outputs).</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>The printable form: <c>user@host:port/database</c>, never the password.</summary>
    public string Description => $"{User}@{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{Database}";

    /// <inheritdoc/>
    public override string ToString() => Description;

    /// <summary>Opens a new connection (not yet open).</summary>
    public MySqlConnection CreateConnection() => new(ConnectionString);

    /// <summary>Resolves the settings from the option, else from the environment.</summary>
    /// <param name="connectionOption">The value of <c>--connection</c>, or null.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <exception cref="OperatorException">Nothing usable was given, or it is malformed (kind Configuration).</exception>
    public static ConnectionSettings Resolve(string? connectionOption, Func<string, string?> environment)
    {
        MySqlConnectionStringBuilder builder;
        string origin;
        if (!string.IsNullOrWhiteSpace(connectionOption))
        {
            origin = "--connection";
            try
            {
                builder = new MySqlConnectionStringBuilder(connectionOption);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                // The parser's message names the bad option, never its value; redact anyway in case it quotes text.
                var message = new SecretRedactor(TryFindPassword(connectionOption)).Redact(ex.Message);
                throw new OperatorException(FailureKind.Configuration,
                    $"--connection is not a valid MySQL connection string ({message.TrimEnd('.')}): use \"Server=host;Port=3306;Database=app;User ID=user;Password=...\".");
            }
        }
        else if (!string.IsNullOrWhiteSpace(environment(HostVariable)) || !string.IsNullOrWhiteSpace(environment(DatabaseVariable)))
        {
            origin = "DB_* variables";
            builder = FromEnvironment(environment);
        }
        else
        {
            throw new OperatorException(FailureKind.Configuration,
                "No database connection: pass --connection \"Server=host;Database=app;User ID=user;Password=...\" or set DB_HOST, DB_USER, DB_PASSWORD and DB_NAME (DB_PORT defaults to 3306).");
        }

        if (string.IsNullOrWhiteSpace(builder.Server))
        {
            throw new OperatorException(FailureKind.Configuration,
                $"The connection ({origin}) names no server: set DB_HOST, or Server= in --connection.");
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new OperatorException(FailureKind.Configuration,
                $"The connection ({origin}) names no database: set DB_NAME, or Database= in --connection.");
        }

        // Generated scripts use session variables (@sql, @n) for their guarded PREPAREs; without this the
        // driver would take them for missing parameters.
        builder.AllowUserVariables = true;
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "orgscope";
        }

        return new ConnectionSettings(builder, origin);
    }

    private static MySqlConnectionStringBuilder FromEnvironment(Func<string, string?> environment)
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = environment(HostVariable) ?? "",
            Database = environment(DatabaseVariable) ?? "",
            UserID = environment(UserVariable) ?? "",
            Password = environment(PasswordVariable) ?? "",
        };

        var port = environment(PortVariable);
        if (!string.IsNullOrWhiteSpace(port))
        {
            if (!uint.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is 0 or > 65535)
            {
                throw new OperatorException(FailureKind.Configuration, $"DB_PORT must be a TCP port number (1-65535), not '{port}'.");
            }

            builder.Port = value;
        }

        if (string.IsNullOrWhiteSpace(builder.UserID))
        {
            throw new OperatorException(FailureKind.Configuration, "DB_HOST is set but DB_USER is not: set DB_USER (and DB_PASSWORD).");
        }

        return builder;
    }

    // Best effort, only to keep a malformed string's password out of the parser's error message.
    private static string? TryFindPassword(string connectionString)
    {
        foreach (var part in connectionString.Split(';'))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = part[..equals].Trim().Replace(" ", "", StringComparison.Ordinal);
            if (key.Equals("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase))
            {
                return part[(equals + 1)..].Trim();
            }
        }

        return null;
    }
}
