using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrgScope.Runtime.Connection;
using OrgScope.Runtime.Preflight;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary>
/// The schema half of <c>check</c>, run before any command that writes: a missing table or column or a wrong type
/// stops the command with exit 4 before a single statement writes (gh-ost's and pt-osc's habit).
/// </summary>
internal static class PreflightGate
{
    public static async Task RequireSchemaAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await using var connection = await context.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var report = await PreflightCheck.RunAsync(context.Plan, connection, PreflightCheck.DefaultRowsPerSecond, cancellationToken).ConfigureAwait(false);
        if (report.ErrorLine() is { } error)
        {
            throw new OperatorException(FailureKind.Schema, $"{error} Nothing was written.");
        }
    }
}
