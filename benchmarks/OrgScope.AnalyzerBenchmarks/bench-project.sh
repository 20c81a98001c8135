# Sourced by run-build-benchmark.sh and run-comparison.sh: builds the analyzer and the attributes, then writes the
# generated project into $WORK/Bench (removed on exit). Expects FILES, SITES and GENERATE (generate | generate-five).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export ORGSCOPE_ARTIFACTS=${ORGSCOPE_ARTIFACTS:-$ROOT/artifacts}
WORK=$(mktemp -d /tmp/orgscope-analyzer-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

dotnet build "$ROOT/src/OrgScope.Analyzers/OrgScope.Analyzers.csproj" -c Release -v:q -nologo >/dev/null
dotnet build "$ROOT/src/OrgScope.Abstractions/OrgScope.Abstractions.csproj" -c Release -v:q -nologo >/dev/null
ANALYZER="$ORGSCOPE_ARTIFACTS/bin/OrgScope.Analyzers/release/OrgScope.Analyzers.dll"
ABSTRACTIONS="$ORGSCOPE_ARTIFACTS/bin/OrgScope.Abstractions/release/OrgScope.Abstractions.dll"
dotnet run --project "$ROOT/benchmarks/OrgScope.AnalyzerBenchmarks" -c Release -- "$GENERATE" "$WORK/Bench" "$FILES" "$SITES" "$ABSTRACTIONS" "$ANALYZER"

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
