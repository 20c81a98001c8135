using System;
using System.Linq;
using OrgScope.Plan;

// The sample app's command line. `plan`: the migration plan the generator embedded in this assembly, in run order.
switch (args.FirstOrDefault())
{
    case "plan":
        var plan = PlanReader.FromAssembly(typeof(Program).Assembly);
        Console.WriteLine($"organization table: {plan.Root.Table}.{plan.Root.Key} ({plan.Root.SqlType})");
        foreach (var table in plan.Tables)
        {
            var sources = string.Join(", then ", table.Sources.Select(s => s.Description));
            Console.WriteLine($"{table.Table}.{table.Column}: {sources}");
        }

        return 0;
    default:
        Console.Error.WriteLine("usage: OrgScope.Sample plan");
        return 2;
}
