using System.Collections.Generic;

namespace OrgScope.Runtime;

/// <summary>What <c>migrate</c> did: the plan's 001 script (idempotent), OrgScope's own tables, and 004 when the plan has it.</summary>
/// <param name="Script">The 001 script's file name, as the plan carries it.</param>
/// <param name="CreatedTables">OrgScope tables that did not exist before (empty on a second migrate).</param>
/// <param name="TriggersScript">004's file name when it ran (OrgScopeInsertTriggers=true), else null.</param>
public sealed record MigrateSummary(string Script, IReadOnlyList<string> CreatedTables, string? TriggersScript = null);
