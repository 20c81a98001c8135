using System.Collections.Generic;

namespace OrgScope.Runtime;

/// <summary>What <c>migrate</c> did: the plan's 001 script (idempotent) and OrgScope's own tables.</summary>
/// <param name="Script">The 001 script's file name, as the plan carries it.</param>
/// <param name="CreatedTables">OrgScope tables that did not exist before (empty on a second migrate).</param>
public sealed record MigrateSummary(string Script, IReadOnlyList<string> CreatedTables);
