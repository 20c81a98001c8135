using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Plan;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.Reporting;

/// <summary>
/// <c>orgscope constrain</c>: runs the plan's 003 file (NOT NULL, index, FK), whose guards refuse while a NULL or an
/// orphan remains. Portable SQL has no SIGNAL outside stored programs, so the generated guard fails on purpose with
/// <c>SET SESSION sql_mode = 'orgscope: ...'</c> (error 1231, the message inside the value); a SIGNAL (SQLSTATE
/// 45000) is understood too. The refusal becomes one line and exit 1; the file is idempotent.
/// </summary>
public static class ConstraintRunner
{
    /// <summary>SQLSTATE of a user-raised SIGNAL: the generated guards' refusal.</summary>
    public const string RefusalSqlState = "45000";

    /// <summary>The generated guard's text: "orgscope: ..." inside "Variable 'sql_mode' can't be set to the value of '...'".</summary>
    public static string? GuardMessage(string serverMessage)
    {
        const string marker = "'orgscope: ";
        var start = serverMessage.IndexOf(marker, System.StringComparison.Ordinal);
        var end = serverMessage.LastIndexOf('\'');
        return start >= 0 && end > start + 1 ? serverMessage[(start + 1)..end] : null;
    }

    // ER_SIGNAL_EXCEPTION: an unhandled user-defined SIGNAL (MySqlErrorCode has no member for it).
    private const int UnhandledSignal = 1644;

    /// <summary>Runs 003 on one connection.</summary>
    /// <exception cref="OperatorException">The guards refused (kind Refused), or the plan has no 003 file.</exception>
    public static async Task<string> RunAsync(PlanDocument plan, MySqlConnection connection, CancellationToken cancellationToken)
    {
        var file = PlanFiles.Require(plan, PlanFiles.ConstraintsPrefix, "the constraints script");
        try
        {
            await using var command = new MySqlCommand(file.Content, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return file.Name;
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.WrongValueForVariable && GuardMessage(ex.Message) is { } message)
        {
            throw new OperatorException(FailureKind.Refused,
                $"constrain refused, nothing altered: {message.TrimEnd('.')}. Fill or resolve those rows (orgscope backfill; orgscope report --unresolved), then run constrain again.",
                ex);
        }
        catch (MySqlException ex) when (ex.SqlState == RefusalSqlState || (int)ex.ErrorCode == UnhandledSignal)
        {
            throw new OperatorException(FailureKind.Refused,
                $"constrain refused: {ex.Message.Trim().TrimEnd('.')}. Fill or resolve those rows (orgscope backfill; orgscope report --unresolved), then run constrain again.",
                ex);
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.NoReferencedRow2 or MySqlErrorCode.InvalidUseOfNull)
        {
            // A guard the server got to first: an orphan under the new FK, or a NULL under NOT NULL.
            throw new OperatorException(FailureKind.Refused,
                $"constrain refused by the server: {ex.Message.Trim().TrimEnd('.')}. Run orgscope validate to see which rows, fix them, then run constrain again.",
                ex);
        }
    }
}
