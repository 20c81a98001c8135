#!/usr/bin/env bash
# The main job on the sample, end to end, on a throwaway MariaDB:
# build (the generator validates the model, the build writes scripts/orgscope/) → the scripts → legacy schema + data
# → 001 three times with the mariadb client (idempotent) → 002's counts → the runbook with the orgscope CLI.
# ROWS=N sets the data size (default 2000 tasks). The server is removed on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rows="${ROWS:-2000}"
sample=samples/OrgScope.Sample
scripts="$sample/scripts/orgscope"
# Short path: the server's socket path must stay under 108 bytes.
db_dir="$(mktemp -d /tmp/orgscope-demo-XXXXXX)"
trap 'eng/dev-db.sh stop "$db_dir" >/dev/null 2>&1 || true; rm -rf "$db_dir"' EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
sql() { eng/dev-db.sh client "$db_dir" "$@"; }

step "1. Build the sample: the generator checks the model, the build writes $scripts/"
dotnet build "$sample" -nologo -v:m
assembly="$(dotnet msbuild "$sample" -nologo -getProperty:TargetPath)"

step "2. The scripts (rewritten only when the model changes; reviewed like code)"
ls -l "$scripts"
echo
sed -n '1,25p' "$scripts/plan.md"

step "3. A throwaway MariaDB"
connection="$(eng/dev-db.sh start "$db_dir")"
echo "$connection"

step "4. The legacy schema ($sample/schema.sql, no organization_id yet) and $rows tasks of generated data with the hard cases"
dotnet run --project "$sample" --no-build -- seed --connection "$connection" --rows "$rows"
sql -t -e "SELECT table_name, table_rows FROM information_schema.TABLES WHERE table_schema = DATABASE() ORDER BY table_name"

step "5. 001-add-organization-id-columns.sql, three times: the first adds columns and indexes, the others change nothing"
for run in 1 2 3; do
  sql <"$scripts/001-add-organization-id-columns.sql"
  echo "run $run: schema checksum $(sql -N -e 'SHOW CREATE TABLE users; SHOW CREATE TABLE tasks; SHOW CREATE TABLE user_rewards' | md5sum | cut -c1-12)"
done
sql -t -e "SELECT table_name, column_name, column_type, is_nullable FROM information_schema.COLUMNS WHERE table_schema = DATABASE() AND column_name = 'organization_id' ORDER BY table_name"

step "6. 002-validate.sql before the backfill: its counts (every row still NULL)"
sql -N <"$scripts/002-validate.sql" | awk -F'\t' '$1 == "rows" || $1 == "null_organization_id" { printf "%-22s %-18s %8s\n", $1, $2, $4 }'

if [ -f src/OrgScope.Cli/OrgScope.Cli.csproj ]; then
  orgscope() { dotnet run --project src/OrgScope.Cli --no-build -- "$@" --assembly "$assembly" --connection "$connection"; }
  dotnet build src/OrgScope.Cli -nologo -v:q >/dev/null

  step "7. The runbook with the orgscope CLI: check → migrate → backfill --dry-run → backfill → validate → report → constrain"
  orgscope check
  orgscope migrate
  orgscope backfill --dry-run
  orgscope backfill
  # validate and constrain exit non-zero while rows need a person: that is their job, so the demo goes on.
  orgscope validate || echo "(validate exit code $?)"
  orgscope report --unresolved | head -n 25 || true
  orgscope constrain || echo "(constrain exit code $?: it refuses while NULLs or orphans remain; decide the reported rows, then run it again)"
else
  step "7. (the orgscope CLI is not in this checkout yet: the runbook steps are skipped)"
fi

step "Done: the server and its data are removed on exit"
