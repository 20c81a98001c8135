using System.Threading;
using System.Threading.Tasks;
using OrgScope.Runtime.Reporting;

namespace OrgScope.Runtime.CommandLine.Commands;

/// <summary><c>orgscope constrain</c>: runs 003; its refusal (NULLs or orphans left) is exit 1 with one line.</summary>
internal sealed class ConstrainCommand() : OrgScopeCommand("constrain", "Run 003 (NOT NULL, FK); refuses (exit 1) while NULLs or orphans remain")
{
    public override async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        await using var connection = await context.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var script = await ConstraintRunner.RunAsync(plan, connection, cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.Event("constrained", w =>
            {
                w.WriteString("script", script);
                w.WriteString("database", context.Settings.Description);
            });
        }
        else
        {
            context.Output.Line($"constrain: {script} applied on {context.Settings.Description}: organization columns are NOT NULL with their foreign keys.");
        }

        return ExitCodes.Ok;
    }
}
