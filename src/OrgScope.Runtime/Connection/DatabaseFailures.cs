using System;
using System.Net.Sockets;
using MySqlConnector;

namespace OrgScope.Runtime.Connection;

/// <summary>
/// Turns the driver's and the network's exceptions into one line an operator can act on: what went wrong, where
/// (the redacted <c>user@host:port/db</c>), and which setting to fix. Unknown failures are left to the caller.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>The operator's version of <paramref name="exception"/>, or null when it is not a known case.</summary>
    public static OperatorException? Explain(Exception exception, ConnectionSettings settings)
    {
        if (exception is OperatorException known)
        {
            return known;
        }

        var where = $"{settings.Host}:{settings.Port}";
        var socket = FindSocketException(exception);
        if (exception is MySqlException mysql)
        {
            var explained = mysql.ErrorCode switch
            {
                MySqlErrorCode.AccessDenied => Configuration(
                    $"Access denied for user '{settings.User}' on {where}: wrong user or password. Check DB_USER/DB_PASSWORD (or User ID/Password in --connection).", mysql),
                MySqlErrorCode.DatabaseAccessDenied => Configuration(
                    $"User '{settings.User}' may not use database '{settings.Database}' on {where}: GRANT it access, or connect as a user who has it.", mysql),
                MySqlErrorCode.UnknownDatabase => Configuration(
                    $"Database '{settings.Database}' does not exist on {where}: check DB_NAME (or Database= in --connection).", mysql),
                MySqlErrorCode.NoSuchTable => Schema(
                    $"{TrimPeriod(mysql.Message)} in {settings.Description}: is this the app's database? `orgscope check` lists every missing table and column.", mysql),
                MySqlErrorCode.BadFieldError => Schema(
                    $"{TrimPeriod(mysql.Message)} in {settings.Description}: the schema differs from the plan; `orgscope check` lists what is missing.", mysql),
                _ => null,
            };
            if (explained is not null)
            {
                return Redacted(explained, settings);
            }
        }

        if (socket is not null)
        {
            return Redacted(socket.SocketErrorCode switch
            {
                SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => Configuration(
                    $"Unknown host '{settings.Host}': the name does not resolve. Check DB_HOST (or Server= in --connection).", exception),
                SocketError.ConnectionRefused => Configuration(
                    $"Connection refused by {where}: no server listens there. Check that the server is running and DB_PORT (or Port= in --connection).", exception),
                SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable => Configuration(
                    $"Cannot reach {where} ({socket.SocketErrorCode}): check DB_HOST/DB_PORT, firewalls and that the server is up.", exception),
                _ => Configuration($"Cannot connect to {where}: {TrimPeriod(socket.Message)}. Check DB_HOST/DB_PORT.", exception),
            }, settings);
        }

        if (exception is MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost } unreachable)
        {
            // No socket error to go on: usually a timeout or a name that resolved to nothing usable.
            return Redacted(Configuration(
                $"Cannot connect to {where}: {TrimPeriod(unreachable.Message)}. Check DB_HOST/DB_PORT (or Server=/Port= in --connection) and that the server is up.", exception), settings);
        }

        return null;
    }

    /// <summary>Opens a connection, explaining a failure to connect in one line.</summary>
    public static async System.Threading.Tasks.Task<MySqlConnection> OpenAsync(ConnectionSettings settings, System.Threading.CancellationToken cancellationToken)
    {
        var connection = settings.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is MySqlException or SocketException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            if (ex is MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost } &&
                await ProbeAsync(settings, ex, cancellationToken).ConfigureAwait(false) is { } probed)
            {
                throw probed;
            }

            throw Explain(ex, settings) ?? Redacted(Configuration(
                $"Cannot connect to {settings.Description}: {TrimPeriod(ex.Message)}.", ex), settings);
        }
    }

    // The driver folds every network failure into "Unable to connect to any of the specified MySQL hosts": resolve
    // the name and open the port ourselves to tell an unknown host from a refused or unreachable port.
    private static async System.Threading.Tasks.Task<OperatorException?> ProbeAsync(
        ConnectionSettings settings, Exception original, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await System.Net.Dns.GetHostAddressesAsync(settings.Host, cancellationToken).ConfigureAwait(false);
            using var client = new TcpClient(addresses.Length > 0 ? addresses[0].AddressFamily : AddressFamily.InterNetwork);
            using var timeout = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(addresses, (int)settings.Port, timeout.Token).ConfigureAwait(false);
            return null; // the port answers: the driver's failure was something else (TLS, protocol)
        }
        catch (SocketException socket)
        {
            return Explain(new AggregateException(original.Message, socket), settings);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Redacted(Configuration(
                $"Cannot reach {settings.Host}:{settings.Port} (no answer within 5 s): check DB_HOST/DB_PORT, firewalls and that the server is up.", original), settings);
        }
    }

    private static OperatorException Configuration(string message, Exception inner) => new(FailureKind.Configuration, message, inner);

    private static OperatorException Schema(string message, Exception inner) => new(FailureKind.Schema, message, inner);

    private static OperatorException Redacted(OperatorException exception, ConnectionSettings settings)
    {
        var message = settings.Redactor.Redact(exception.Message);
        return ReferenceEquals(message, exception.Message) || message == exception.Message
            ? exception
            : new OperatorException(exception.Kind, message, exception.InnerException);
    }

    private static SocketException? FindSocketException(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
            {
                return FindSocketException(aggregate.InnerExceptions[0]);
            }
        }

        return null;
    }

    private static string TrimPeriod(string message) => message.Trim().TrimEnd('.');
}
