#!/usr/bin/env bash
# Startup time of `orgscope plan` (text output, the sample's plan) for two builds of the tool, side by side.
# Interleaved: ROUNDS rounds, each runs both builds RUNS times with hyperfine (after one warm-up run each), the order
# of the two alternating from round to round, so that the machine's load drifts over both alike. Prints, per build,
# the median, min, max and interquartile range of all runs, the ratio of the medians, and the CPU time per run.
#
#   benchmarks/OrgScope.CliStartup/run.sh <before-dir> <after-dir> [rounds=6] [runs=5]
#
# <dir> holds a build of the tool (orgscope.dll), e.g. from a clone of main and from a worktree:
#   dotnet build -c Release src/OrgScope.Cli -o /tmp/orgscope-before
# SAMPLE=path/OrgScope.Sample.dll picks the plan (default: this checkout's Release build of the sample).
# Needs hyperfine (apt-get install -y hyperfine) and python3.
set -euo pipefail
before="${1:?before dir}"; after="${2:?after dir}"; rounds="${3:-6}"; runs="${4:-5}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
sample="${SAMPLE:-$root/samples/OrgScope.Sample/bin/Release/net10.0/OrgScope.Sample.dll}"
[ -f "$sample" ] || dotnet build -c Release "$root/samples/OrgScope.Sample" -nologo -v q >/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for ((r = 1; r <= rounds; r++)); do
  a="dotnet $before/orgscope.dll plan --assembly $sample"
  b="dotnet $after/orgscope.dll plan --assembly $sample"
  if ((r % 2 == 0)); then first="$b"; second="$a"; else first="$a"; second="$b"; fi
  hyperfine -N --style none --warmup 1 --runs "$runs" --output null --export-json "$out/round$r.json" "$first" "$second" >/dev/null 2>&1
done
python3 - "$before" "$after" "$out" <<'PY'
import json, glob, statistics, sys
before, after, folder = sys.argv[1:4]
times = {before: [], after: []}
cpu = {before: [], after: []}
for path in sorted(glob.glob(folder + "/round*.json")):
    for result in json.load(open(path))["results"]:
        key = before if f" {before}/" in f" {result['command'].split()[1].rsplit('/', 1)[0]}/" else after
        times[key].extend(t * 1000 for t in result["times"])
        cpu[key].append((result["user"] + result["system"]) * 1000)
def describe(name, xs):
    q = statistics.quantiles(xs, n=4)
    return f"{name}: median {statistics.median(xs):.1f} ms, min {min(xs):.1f}, max {max(xs):.1f}, IQR {q[0]:.1f}-{q[2]:.1f} ({len(xs)} runs)"
print(describe("before " + before, times[before]))
print(describe("after  " + after, times[after]))
print(f"after/before (medians): {statistics.median(times[after]) / statistics.median(times[before]):.3f}")
# CPU time (user + system, hyperfine's mean per round) moves less than wall time on a loaded machine.
print(f"cpu per run, median of the rounds' means: before {statistics.median(cpu[before]):.1f} ms, after {statistics.median(cpu[after]):.1f} ms")
PY
