#!/usr/bin/env bash
# Build benchmark for the OrgScope analyzer (never a timed test): generates a 2,000-file project with 10,000 SQL
# call sites, then builds it from scratch with and without the analyzer, RUNS times each, and once more with
# -p:ReportAnalyzer=true for the analyzer's own time. Prints a markdown table for docs/benchmarks/analyzer.md.
# Usage: benchmarks/OrgScope.AnalyzerBenchmarks/run-build-benchmark.sh [files] [sites-per-file] [runs]
set -euo pipefail
FILES=${1:-2000}
SITES=${2:-5}
RUNS=${3:-3}
GENERATE=generate
source "$(dirname "$0")/bench-project.sh"
dotnet restore "$WORK/Bench/Bench.csproj" -v:q -nologo >/dev/null

build() { # $1 = true|false; prints seconds
  local start end
  start=$(date +%s.%N)
  dotnet build "$WORK/Bench/Bench.csproj" --no-restore --no-incremental -c Release -nologo -v:q -clp:NoSummary \
    -p:UseOrgScopeAnalyzer="$1" -p:UseSharedCompilation=true >"$WORK/build-$1.log" 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

build false >/dev/null # warm the compiler server and the disk cache
declare -a OFF ON
for _ in $(seq "$RUNS"); do
  OFF+=("$(build false)")
  ON+=("$(build true)")
done
# MSBuild prints each warning twice (as it happens and in the project's summary).
WARNINGS=$(( $(grep -c "warning ORG" "$WORK/build-true.log" || true) / 2 ))

dotnet build "$WORK/Bench/Bench.csproj" --no-restore --no-incremental -c Release -nologo -v:d \
  -p:UseOrgScopeAnalyzer=true -p:ReportAnalyzer=true >"$WORK/report.log" 2>&1
ANALYZER_TIME=$(grep -E "OrgScope\.Analyzers, Version" "$WORK/report.log" | head -1 | awk '{print $1}')
cp "$WORK/report.log" /tmp/orgscope-analyzer-report.log
TOTAL_ANALYZERS=$(grep -E "Total analyzer execution time" "$WORK/report.log" | head -1 | grep -oE "[0-9.]+" | head -1)

M_OFF=$(median "${OFF[@]}")
M_ON=$(median "${ON[@]}")
echo
echo "| files | SQL call sites | build without analyzer (median of $RUNS) | build with analyzer | difference | OrgScope analyzer time (ReportAnalyzer) | all analyzers | ORG warnings |"
echo "|---|---|---|---|---|---|---|---|"
printf '| %s | %s | %.1f s | %.1f s | %+.1f%% | %s s | %s s | %s |\n' "$FILES" "$((FILES * SITES))" "$M_OFF" "$M_ON" \
  "$(echo "($M_ON - $M_OFF) * 100 / $M_OFF" | bc -l)" "${ANALYZER_TIME:-?}" "${TOTAL_ANALYZERS:-?}" "$WARNINGS"
echo "load average during the runs: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores; anything above 2 means other work shared the machine)"
echo "runs without: ${OFF[*]}"
echo "runs with:    ${ON[*]}"
