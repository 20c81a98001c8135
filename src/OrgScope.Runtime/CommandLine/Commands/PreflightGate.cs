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
        var errors = report.Findings.Where(f => f.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
        {
            var more = errors.Count > 1 ? $" (and {errors.Count - 1} more: run orgscope check)" : "";
            var fix = errors[0].Fix is { } f ? $" Fix: {f.TrimEnd('.', ';')}." : "";
            throw new OperatorException(FailureKind.Schema, $"{errors[0].Message}{fix}{more} Nothing was written.");
        }
    }
}
