using BenchmarkDotNet.Running;
using OrgScope.AnalyzerBenchmarks;

// generate[-five] <dir> [files] [sitesPerFile] [abstractionsDll] [analyzerDll]: writes the build benchmark project
// (generate: the mixed shapes; generate-five: issue 12's five shapes, for the comparison with Dapper.AOT).
// Anything else: BenchmarkDotNet (e.g. --filter '*').
if (args.Length >= 2 && (args[0] == "generate" || args[0] == "generate-five"))
{
    var files = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000;
    var sites = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5;
    var shapes = args[0] == "generate-five" ? ProjectGenerator.ShapeSet.Five : ProjectGenerator.ShapeSet.Mixed;
    ProjectGenerator.Write(args[1], files, sites, args.Length > 4 ? args[4] : null, args.Length > 5 ? args[5] : null, shapes);
    Console.WriteLine($"wrote {files} files, {files * sites} SQL call sites to {args[1]}");
    return;
}

// profile <generated project dir> <iterations> [orgscope | LABEL=path/to/Analyzers.dll ...]: in-process analyzer times
// (e.g. Dapper.AOT=~/.nuget/packages/dapper.aot/1.1.0/analyzers/dotnet/Dapper.AOT.Analyzers.dll, or main's OrgScope build).
if (args.Length >= 3 && args[0] == "profile")
{
    var iterations = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    await InProcessProfile.RunAsync(args[1], iterations, args.Length > 3 ? args[3..] : new[] { "orgscope" });
    return;
}

if (args.Length >= 1 && args[0] == "quick")
{
    // A rough Stopwatch pass (seconds, not a benchmark): is anything wildly slow before running BenchmarkDotNet?
    foreach (var shape in new[] { "simple", "join", "cte", "leak" })
    {
        var bench = new SqlAnalysisBenchmarks { Shape = shape };
        bench.Setup();
        for (var i = 0; i < 2000; i++)
        {
            bench.Analyze();
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        const int n = 20000;
        for (var i = 0; i < n; i++)
        {
            bench.Analyze();
        }

        var total = watch.Elapsed.TotalMilliseconds * 1000 / n;
        var sql = bench.Sql;
        watch.Restart();
        for (var i = 0; i < n; i++)
        {
            OrgScope.Analyzers.Sql.SqlLexer.Lex(sql);
        }

        var lex = watch.Elapsed.TotalMilliseconds * 1000 / n;
        watch.Restart();
        for (var i = 0; i < n; i++)
        {
            OrgScope.Analyzers.Sql.SqlParser.Parse(sql);
        }

        var parse = watch.Elapsed.TotalMilliseconds * 1000 / n;
        Console.WriteLine($"{shape}: {total:F1} µs per query (lex {lex:F1}, lex+parse {parse:F1}); failed statements: {OrgScope.Analyzers.Sql.SqlParser.Parse(sql).FailedStatements}");
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SqlAnalysisBenchmarks).Assembly).Run(args);
