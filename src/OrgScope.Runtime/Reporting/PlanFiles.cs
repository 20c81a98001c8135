using System;
using System.Linq;
using OrgScope.Runtime.Connection;
using OrgScope.Plan;

namespace OrgScope.Runtime.Reporting;

/// <summary>Finds the generated scripts in the plan: the runtime runs exactly the text the build wrote to scripts/orgscope/.</summary>
public static class PlanFiles
{
    /// <summary>002-validate.sql.</summary>
    public const string ValidatePrefix = "002-";

    /// <summary>The file whose name starts with <paramref name="prefix"/>, or null when the plan carries none.</summary>
    public static PlanFile? Find(PlanDocument plan, string prefix) =>
        plan.Files.FirstOrDefault(f => f.Name.StartsWith(prefix, StringComparison.Ordinal) &&
                                       f.Name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase));

    /// <summary>The file, or a configuration failure that says how to get it.</summary>
    public static PlanFile Require(PlanDocument plan, string prefix, string what) =>
        Find(plan, prefix) ?? throw new OperatorException(FailureKind.Configuration,
            $"The plan carries no {prefix}*.sql ({what}): rebuild the app with an OrgScope version that generates it.");
}
