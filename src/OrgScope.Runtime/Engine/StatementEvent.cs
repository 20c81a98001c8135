using System.Collections.Generic;

namespace OrgScope.Runtime.Engine;

/// <summary>A batch statement about to run (for fault-injection tests): table, statement name, batch, session and parameters.</summary>
internal sealed record StatementEvent(string Table, string Statement, long BatchNo, long ServerThreadId, IReadOnlyDictionary<string, object?> Parameters);
