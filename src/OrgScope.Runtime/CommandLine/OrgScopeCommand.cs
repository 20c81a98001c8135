using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;

namespace OrgScope.Runtime.CommandLine;

/// <summary>
/// One <c>orgscope</c> command, defined in one file under Commands/: its typed options are fields of the subclass
/// (added to <see cref="Command.Options"/> in its constructor, with their validators), and <see cref="RunAsync"/> is
/// its action. <see cref="OrgScopeCommandLine"/> calls it with a context built from the parse, so the action gets the
/// host's streams, environment and plan assembly without any global state.
/// </summary>
internal abstract class OrgScopeCommand(string name, string description) : Command(name, description)
{
    /// <summary>Runs the command; returns the exit code (see <see cref="ExitCodes"/>). Failures throw
    /// <see cref="Connection.OperatorException"/> and become one line and an exit code in one place.</summary>
    public abstract Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken);
}
