#!/usr/bin/env bash
# Packs the three shipped packages into one folder (a local feed):
#   OrgScope (src/OrgScope.Package), OrgScope.Runtime, OrgScope.Tool (the `orgscope` dotnet tool).
# Usage: eng/pack.sh [output-folder] [extra dotnet pack arguments...]
#   default folder: artifacts/packages; VERSION=1.2.3 overrides the version set in Directory.Build.props;
#   CONFIGURATION=Debug packs a Debug build (default Release).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/packages}"
shift || true
mkdir -p "$out"
out="$(cd "$out" && pwd)"
args=(-c "${CONFIGURATION:-Release}" -o "$out" -nologo -v:m)
if [ -n "${VERSION:-}" ]; then args+=("-p:PackageVersion=$VERSION"); fi

# One pack per project, one after the other: the three share the generator, the plan and the runtime, and two
# builds of one project at the same time would write the same obj/ files.
for project in src/OrgScope.Package/OrgScope.Package.csproj src/OrgScope.Runtime/OrgScope.Runtime.csproj src/OrgScope.Cli/OrgScope.Cli.csproj; do
  dotnet pack "$project" "${args[@]}" "$@"
done
ls -1 "$out"
