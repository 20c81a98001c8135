#!/usr/bin/env bash
# OrgScope vs Dapper.AOT in one process (never a timed test): generates issue 12's project (2,000 files, 10,000 Dapper
# call sites, five shapes), builds it once with Dapper.AOT in the references to capture the compiler's own command
# line, then replays that compilation in-process (BuildReplay + InProcessProfile): each analyzer alone on a fresh
# compilation, sequential analysis, ROUNDS rounds after three warm-up rounds (ORGSCOPE_PROFILE_WARMUP), taking turns going first. Prints Roslyn's analyzer
# execution time (what ReportAnalyzer prints) and the process CPU per run, the medians, and the ratio per round; and, per
# round, the compile itself (bind + emit, no analyzer) with each run's process CPU as a share of it.
# Why not only run-comparison.sh: on a project this size each build's ReportAnalyzer figure is under a second and
# spreads 3-4x with the compiler's concurrent scheduling; in one process, sequentially, the same figure spreads far less.
# Usage: benchmarks/OrgScope.AnalyzerBenchmarks/run-profile.sh [files] [sites-per-file] [rounds]
set -euo pipefail
FILES=${1:-2000}
SITES=${2:-5}
ROUNDS=${3:-5}
GENERATE=generate-five
source "$(dirname "$0")/bench-project.sh"
dotnet restore "$WORK/Bench/Bench.csproj" -v:q -nologo -p:UseDapperAot=true >/dev/null
# The build with Dapper.AOT referenced (its runtime library is what its analyzer looks for); -v:d logs the csc line.
dotnet build "$WORK/Bench/Bench.csproj" --no-restore --no-incremental -c Release -nologo -v:d -p:UseSharedCompilation=true \
  -p:UseOrgScopeAnalyzer=false -p:UseDapperAot=true "-p:KeepAnalyzers=Dapper.AOT.Analyzers%3BMicrosoft.SqlServer.TransactSql.ScriptDom" >"$WORK/build.log" 2>&1
grep -m1 -E '/csc(\.dll)? /noconfig' "$WORK/build.log" | sed -E 's/^ +//' >"$WORK/Bench/csc.cmdline"
DAPPER_AOT=$(grep -oE '/analyzer:[^ ]*Dapper\.AOT\.Analyzers\.dll' "$WORK/Bench/csc.cmdline" | head -1 | cut -d: -f2)
# Server GC: collections run on their own threads, so the callbacks' thread CPU does not include a collection that
# happened to start in them.
DOTNET_gcServer=1 dotnet run -c Release --project "$ROOT/benchmarks/OrgScope.AnalyzerBenchmarks" -- profile "$WORK/Bench/csc.cmdline" "$ROUNDS" orgscope "Dapper.AOT=$DAPPER_AOT"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores)"
