#!/usr/bin/env bash
# OrgScope vs Dapper.AOT, side by side in one invocation (never a timed test): generates issue 12's project (2,000 files,
# 10,000 Dapper call sites, five shapes), then builds it from scratch RUNS times per analyzer, alternating, each analyzer
# ALONE (every other analyzer assembly, the SDK's included, is taken out before the compiler runs: operation trees are
# built once per compilation and charged to whichever analyzer asks first; the last build's report shows what ran),
# with -p:ReportAnalyzer=true, and prints each analyzer's own time per build, the medians, the spread and the ratio.
# Usage: benchmarks/OrgScope.AnalyzerBenchmarks/run-comparison.sh [files] [sites-per-file] [runs]
set -euo pipefail
FILES=${1:-2000}
SITES=${2:-5}
RUNS=${3:-5}
GENERATE=generate-five
source "$(dirname "$0")/bench-project.sh"
dotnet restore "$WORK/Bench/Bench.csproj" -v:q -nologo -p:UseDapperAot=true >/dev/null

# $1 = orgscope|dapperaot; prints the analyzer's own seconds as ReportAnalyzer gives them.
build() {
  local props pattern log="$WORK/report-$1.log"
  if [ "$1" = orgscope ]; then
    props=(-p:UseOrgScopeAnalyzer=true -p:UseDapperAot=false -p:AnalyzerAlone=true "-p:KeepAnalyzers=OrgScope.Analyzers")
    pattern='OrgScope\.Analyzers, Version'
  else
    props=(-p:UseOrgScopeAnalyzer=false -p:UseDapperAot=true "-p:KeepAnalyzers=Dapper.AOT.Analyzers%3BMicrosoft.SqlServer.TransactSql.ScriptDom")
    pattern='Dapper\.AOT\.Analyzers, Version'
  fi
  dotnet build "$WORK/Bench/Bench.csproj" --no-restore --no-incremental -c Release -nologo -v:d \
    -p:ReportAnalyzer=true -p:UseSharedCompilation=true "${props[@]}" >"$log" 2>&1
  grep -E "$pattern" "$log" | head -1 | awk '{print $1}'
}

build orgscope >/dev/null # warm the compiler server and the disk cache
build dapperaot >/dev/null
declare -a ORG AOT
for i in $(seq "$RUNS"); do
  # Alternate which goes first, so that a slow stretch of the machine does not always hit the same analyzer.
  if [ $((i % 2)) -eq 1 ]; then
    ORG+=("$(build orgscope)"); AOT+=("$(build dapperaot)")
  else
    AOT+=("$(build dapperaot)"); ORG+=("$(build orgscope)")
  fi
  echo "run $i: OrgScope ${ORG[-1]} s, Dapper.AOT ${AOT[-1]} s (load $(cut -d' ' -f1 /proc/loadavg))"
done
WARNINGS=$(grep -cE "warning ORG0" "$WORK/report-orgscope.log" || true)
echo "analyzers in the last OrgScope build:";  grep -E "^ +[0-9.<]+ +[0-9<]+ +[A-Z][A-Za-z.]+, Version" "$WORK/report-orgscope.log" | head -5
echo "analyzers in the last Dapper.AOT build:"; grep -E "^ +[0-9.<]+ +[0-9<]+ +[A-Z][A-Za-z.]+, Version" "$WORK/report-dapperaot.log" | head -5

range() { printf '%s\n' "$@" | sort -n | awk 'NR==1{lo=$1} {hi=$1} END {print lo "–" hi}'; }
M_ORG=$(median "${ORG[@]}")
M_AOT=$(median "${AOT[@]}")
echo
echo "| files | call sites | OrgScope analyzer (median of $RUNS; range) | Dapper.AOT analyzer (median of $RUNS; range) | ratio OrgScope / Dapper.AOT | ORG lines in the last log |"
echo "|---|---|---|---|---|---|"
printf '| %s | %s | %.2f s (%s) | %.2f s (%s) | %.2f | %s |\n' "$FILES" "$((FILES * SITES))" "$M_ORG" "$(range "${ORG[@]}")" \
  "$M_AOT" "$(range "${AOT[@]}")" "$(echo "$M_ORG / $M_AOT" | bc -l)" "$WARNINGS"
echo "OrgScope runs:   ${ORG[*]}"
echo "Dapper.AOT runs: ${AOT[*]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores)"
