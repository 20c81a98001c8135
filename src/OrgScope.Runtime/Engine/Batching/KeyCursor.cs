using System.Collections.Generic;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Shared;

namespace OrgScope.Runtime.Engine.Batching;

/// <summary>
/// A keyset cursor over a table's primary key, every row, no lock, kept in memory: the batches of the commands that
/// keep no checkpoint (dry run, rollback). Moves on only when told the batch committed, so a retried batch reads the
/// same keys again.
/// </summary>
internal sealed class KeyCursor(Statements statements)
{
    private object?[]? _after;

    /// <summary>The next keys (keys_first / keys_after), with @from_k* and @to_k* bound to the first and last of them.</summary>
    public async Task<List<object?[]>> NextKeysAsync(MySqlConnection connection, MySqlTransaction transaction, Dictionary<string, object?> parameters, int batchSize)
    {
        parameters["@batch_size"] = batchSize;
        if (_after is not null)
        {
            Statements.Bind(parameters, "after", _after);
        }

        var keys = await DbSession.RowsAsync(
            connection, transaction, statements[_after is null ? BackfillStatementNames.KeysFirst : BackfillStatementNames.KeysAfter], parameters).ConfigureAwait(false);
        if (keys.Count > 0)
        {
            Statements.Bind(parameters, "from", keys[0]);
            Statements.Bind(parameters, "to", keys[^1]);
        }

        return keys;
    }

    /// <summary>The batch of <paramref name="keys"/> committed: the next starts after its last key.</summary>
    public void Committed(List<object?[]> keys)
    {
        _after = keys[^1];
    }
}
