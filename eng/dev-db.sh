#!/usr/bin/env bash
# A throwaway local MariaDB in a folder, for the demo and for trying the runbook by hand.
#   eng/dev-db.sh start [DIR]    start it (installing mariadb-server with apt if missing); prints the connection string
#   eng/dev-db.sh client [DIR]   a mariadb client on it (extra arguments are passed on; reads SQL from stdin)
#   eng/dev-db.sh stop [DIR]     stop it and delete DIR with its data
# DIR defaults to .tmp/dev-db in the repository (ignored by git). The database is $DEV_DB_NAME (default orgscope_sample);
# the user is root with no password, listening on 127.0.0.1 only. Progress goes to stderr, so CS=$(eng/dev-db.sh start).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
command="${1:-}"
dir="${2:-$here/.tmp/dev-db}"
database="${DEV_DB_NAME:-orgscope_sample}"

say() { echo "dev-db: $*" >&2; }

find_binary() {
  local name
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    if [ -x "/usr/sbin/$name" ]; then echo "/usr/sbin/$name"; return 0; fi
  done
  return 1
}

ensure_installed() {
  if find_binary mariadbd mysqld >/dev/null && find_binary mariadb mysql >/dev/null; then return 0; fi
  say "mariadbd not found: installing mariadb-server with apt"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq mariadb-server mariadb-client >/dev/null
}

running() { [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; }

client() {
  "$(find_binary mariadb mysql)" --no-defaults --socket="$dir/sock" --user=root "$@"
}

connection_string() { echo "Server=127.0.0.1;Port=$(cat "$dir/port");Database=$database;User ID=root;Password="; }

free_port() {
  local port
  for port in $(seq 33306 33406); do
    # Nothing answers on a free port, so the connect fails.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  say "no free port in 33306-33406"; return 1
}

start() {
  if running; then
    say "already running in $dir"
    connection_string
    return 0
  fi
  ensure_installed
  mkdir -p "$dir"
  local user; user="$(id -un)"
  if [ ! -d "$dir/data/mysql" ]; then
    say "initialising $dir/data"
    "$(find_binary mariadb-install-db mysql_install_db)" --no-defaults --user="$user" --datadir="$dir/data" \
      --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 \
      || { cat "$dir/install.log" >&2; return 1; }
  fi
  local port; port="$(free_port)"
  echo "$port" >"$dir/port"
  # Small and fast: durability does not matter for a throwaway server.
  setsid "$(find_binary mariadbd mysqld)" --no-defaults --user="$user" --datadir="$dir/data" --socket="$dir/sock" \
    --pid-file="$dir/pid" --log-error="$dir/error.log" --port="$port" --bind-address=127.0.0.1 \
    --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=2 --skip-log-bin \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci </dev/null >/dev/null 2>&1 &
  local server=$!
  for _ in $(seq 1 120); do
    if client -e "SELECT 1" >/dev/null 2>&1; then
      client -e "CREATE DATABASE IF NOT EXISTS \`$database\` CHARACTER SET utf8mb4"
      say "MariaDB $(client -N -e 'SELECT VERSION()') on 127.0.0.1:$port, data in $dir"
      connection_string
      return 0
    fi
    if ! kill -0 "$server" 2>/dev/null; then break; fi
    sleep 0.5
  done
  say "mariadbd did not start; the end of $dir/error.log:"
  tail -n 20 "$dir/error.log" >&2 || true
  return 1
}

stop() {
  if running; then
    local pid; pid="$(cat "$dir/pid")"
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    say "stopped"
  fi
  # Only a folder this script made: it holds data/ and port.
  if [ -d "$dir/data" ] || [ -f "$dir/port" ]; then rm -rf "$dir"; fi
}

case "$command" in
  start) start ;;
  stop) stop ;;
  client) shift $(( $# >= 2 ? 2 : $# )); client "$database" "$@" ;;
  *) echo "usage: eng/dev-db.sh start|client|stop [DIR]" >&2; exit 2 ;;
esac
