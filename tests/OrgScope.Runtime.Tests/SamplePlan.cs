using System.Reflection;
using OrgScope.Plan;

namespace OrgScope.Runtime.Tests;

/// <summary>
/// The sample app's plan, exactly as the generator embedded it in samples/OrgScope.Sample (a project reference), read
/// like the runtime reads it from an app that hosts the runbook. The SQL under test is what a user's build ships.
/// </summary>
internal static class SamplePlan
{
    private static readonly Assembly SampleApp = typeof(OrgScope.Sample.Entities.User).Assembly;

    /// <summary>The embedded JSON (for a child process that reads the plan from a file).</summary>
    public static string Json() => PlanReader.JsonOf(SampleApp) ?? throw new InvalidOperationException("the sample app carries no plan");

    public static PlanDocument Document() => PlanReader.FromAssembly(SampleApp);

    public static readonly string[] Tables = ["users", "tasks", "rewards", "achievements", "user_rewards", "user_achievements"];
}
