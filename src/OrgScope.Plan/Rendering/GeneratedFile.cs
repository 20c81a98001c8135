using System;

namespace OrgScope.Plan.Rendering
{
    /// <summary>A file the build writes into $(OrgScopeScriptsDir): its name and exact content.</summary>
    internal sealed record GeneratedFile(string Name, string Content);

    /// <summary>A named SQL statement of the backfill (the runtime looks statements up by name).</summary>
    internal sealed record NamedSql(string Name, string Sql);
}
