using System.Globalization;
using OrgScope.Runtime.CommandLine;
using OrgScope.Sample.Data;

// The sample app hosts OrgScope's runbook in one line: every `orgscope` command (check, migrate, backfill, validate,
// report, constrain, rollback, plan) runs here with this assembly's plan, so no --assembly is needed.
// `seed` is the sample's own: it creates the legacy schema and loads the deterministic data with its hard cases.
if (args is ["seed", .. var options])
{
    return await SeedAsync(options);
}

return await OrgScopeCommandLine.RunAsync(args, typeof(Program).Assembly);

// seed --connection "Server=...;Database=..." [--rows N] [--seed S]
static async Task<int> SeedAsync(string[] options)
{
    string? connection = null;
    int rows = 1_000, seed = 1;
    for (var i = 0; i + 1 < options.Length; i += 2)
    {
        switch (options[i])
        {
            case "--connection": connection = options[i + 1]; break;
            case "--rows": rows = int.Parse(options[i + 1], CultureInfo.InvariantCulture); break;
            case "--seed": seed = int.Parse(options[i + 1], CultureInfo.InvariantCulture); break;
            default: connection = null; i = options.Length; break;
        }
    }

    if (connection is null || options.Length % 2 != 0)
    {
        Console.Error.WriteLine("usage: OrgScope.Sample seed --connection \"Server=...;Database=...\" [--rows N] [--seed S]");
        return 2;
    }

    await SampleData.CreateSchemaAsync(connection);
    var data = await SampleData.LoadAsync(connection, rows, seed);
    Console.WriteLine($"seeded {data.Tasks.Count} tasks, {data.Users.Count} users, {data.Memberships.Count} memberships (seed {seed})");
    return 0;
}
