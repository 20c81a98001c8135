using System.Globalization;
using OrgScope.Runtime;

/// <summary>The command line of the backfill benchmark (docs/benchmarks/backfill.md).</summary>
internal sealed record BenchmarkArguments
{
    public int Rows { get; private init; } = 1_000_000;

    public int Seed { get; private init; } = 1;

    public int BatchSize { get; private init; } = BackfillOptions.DefaultBatchSize;

    /// <summary>Rounds: each runs every approach once on a fresh copy of the data, in an order that rotates per round.</summary>
    public int Runs { get; private init; } = 3;

    /// <summary>0: no (c). Otherwise (c) joins each round, timed on this many NULL ids and extrapolated.</summary>
    public int PerRowSample { get; private init; }

    public bool Durable { get; private init; } = true;

    /// <summary>Only (a), with where its batch time goes (for trying engine changes quickly).</summary>
    public bool EngineOnly { get; private init; }

    /// <summary>The engine's target batch time (0: every batch the fixed --batch-size; the first batch otherwise).</summary>
    public int TargetBatchMs { get; private init; } = (int)RunbookOptions.DefaultTargetBatchTime.TotalMilliseconds;

    /// <summary>
    /// More engine runs in every round, one per target batch time (0: every batch the fixed --batch-size, as (d)'s), each
    /// measured against (b) and (d) like (a): `--engine-targets 0` tells batch size from per-batch work in a/d.
    /// </summary>
    public IReadOnlyList<int> EngineTargets { get; private init; } = [];

    /// <summary>(d+u) in every round: (d) that also records the rows it leaves NULL with the engine's generated `unresolved` statement.</summary>
    public bool WithDUnresolved { get; private init; }

    /// <summary>(d+a+u) in every round: (d)'s loop writing each batch with the engine's own audit, update and unresolved statements.</summary>
    public bool WithDRecords { get; private init; }

    /// <summary>After the rounds: (a) once per target batch time (0: fixed), interleaved, --runs rounds (SideBySide).</summary>
    public IReadOnlyList<int>? CompareSizing { get; private init; }

    /// <summary>Only the --compare-* sets, not the rounds of (a), (b), (d).</summary>
    public bool CompareOnly { get; private init; }

    /// <summary>After the rounds: (a) once per number of workers in one process (at --target-batch-ms), interleaved, --runs rounds (SideBySide).</summary>
    public IReadOnlyList<int>? CompareWorkers { get; private init; }

    /// <summary>Only prepare the template database and leave it, with the plan JSON, for EXPLAIN and profiling.</summary>
    public string? Keep { get; private init; }

    public static BenchmarkArguments Parse(string[] args)
    {
        var parsed = new BenchmarkArguments();
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            parsed = args[i] switch
            {
                "--rows" => parsed with { Rows = Next() },
                "--seed" => parsed with { Seed = Next() },
                "--batch-size" => parsed with { BatchSize = Next() },
                "--runs" => parsed with { Runs = Next() },
                "--per-row-sample" => parsed with { PerRowSample = Next() },
                "--target-batch-ms" => parsed with { TargetBatchMs = Next() },
                "--engine-targets" => parsed with { EngineTargets = Numbers(args[++i]) },
                "--with-d-unresolved" => parsed with { WithDUnresolved = true },
                "--with-d-records" => parsed with { WithDRecords = true },
                "--compare-sizing" => parsed with { CompareSizing = Numbers(args[++i]) },
                "--compare-workers" => parsed with { CompareWorkers = Numbers(args[++i]) },
                "--compare-only" => parsed with { CompareOnly = true },
                "--no-durable" => parsed with { Durable = false },
                "--engine-only" => parsed with { EngineOnly = true },
                "--keep" => parsed with { Keep = args[++i] },
                _ => throw new ArgumentException("unknown argument " + args[i] + " (see docs/benchmarks/backfill.md)"),
            };
        }

        return parsed;
    }

    private static List<int> Numbers(string list) => list.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToList();
}
