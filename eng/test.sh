#!/usr/bin/env bash
# Runs every test in the repository on a real MariaDB and ends with the plain line
# "N passed, N failed, N skipped". Installs mariadb-server and percona-toolkit with apt when missing;
# the tests start their own throwaway server (or use ORGSCOPE_TEST_MYSQL).
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
  echo "mariadbd not found: installing mariadb-server with apt"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq mariadb-server mariadb-client >/dev/null \
    || { echo "could not install mariadb-server; install it (apt-get install -y mariadb-server) or set ORGSCOPE_TEST_MYSQL"; exit 1; }
fi

# The online constraint strategy is tested with the real pt-online-schema-change (gh-ost is not packaged: its
# command line is unit-tested only).
if ! command -v pt-online-schema-change >/dev/null 2>&1; then
  echo "pt-online-schema-change not found: installing percona-toolkit with apt"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq percona-toolkit >/dev/null; } \
    || { echo "could not install percona-toolkit; install it (apt-get install -y percona-toolkit)"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log="$(mktemp)"
dotnet test OrgScope.Generators.sln --nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# Sum the per-project VSTest summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ...").
read -r passed failed skipped < <(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
  | awk -F'[:,]' '{f+=$2; p+=$4; s+=$6} END {printf "%d %d %d\n", p, f, s}')
rm -f "$log"
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # a build error or a crashed test host counts as a failure
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$rc"
