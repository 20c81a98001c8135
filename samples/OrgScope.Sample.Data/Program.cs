using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using OrgScope.Sample.Data;

// orgscope-sample-data --connection "Server=...;Database=..." [--rows N] [--seed S] [--schema]
// Loads the deterministic sample dataset (N tasks) into the sample's legacy schema; --schema creates the tables first.
var connection = Environment.GetEnvironmentVariable("ORGSCOPE_SAMPLE_CONNECTION");
var rows = 10_000;
var seed = 1;
var schema = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--connection": connection = args[++i]; break;
        case "--rows": rows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--schema": schema = true; break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: --connection CS [--rows N] [--seed S] [--schema]");
            return 2;
    }
}

if (string.IsNullOrEmpty(connection))
{
    Console.Error.WriteLine("--connection (or ORGSCOPE_SAMPLE_CONNECTION) is required");
    return 2;
}

var watch = Stopwatch.StartNew();
if (schema)
{
    await SampleData.CreateSchemaAsync(connection).ConfigureAwait(false);
}

var data = await SampleData.LoadAsync(connection, rows, seed).ConfigureAwait(false);
Console.WriteLine(FormattableString.Invariant(
    $"loaded {data.Tasks.Count} tasks, {data.Users.Count} users, {data.Memberships.Count} memberships, {data.Rewards.Count} rewards, {data.UserRewards.Count} user_rewards, {data.Achievements.Count} achievements, {data.UserAchievements.Count} user_achievements in {watch.Elapsed.TotalSeconds:F1} s"));
return 0;
