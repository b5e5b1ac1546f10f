#!/usr/bin/env bash
# Issue 11's side-by-side measurement in one command: the same HTTP load (case-page reads and concern writes at 16 and 64
# clients) against (a) one instance on SQLite and (b) two instances on PostgreSQL behind nginx, then (b) again with one
# instance killed (SIGKILL) in the middle; acknowledged writes checked against the stored ones, both audit chains verified.
# The report goes to artifacts/cluster/results-<time>.md (tests/Aktivitetsplikt.LoadRun/ClusterBench.cs says how).
#
#   bash bench/cluster.sh                       # defaults: --cases 2000 --seconds 20 --clients 16,64 --kill-clients 16 --kill-seconds 30
#
# It starts Debian's PostgreSQL if it is down (and stops it again afterwards only then), makes a throwaway role and database
# on 127.0.0.1 and drops both at the end, installs nginx with apt-get if missing; nginx and the instances listen on
# 127.0.0.1 only and are stopped by the run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -eq 0 ]; then SUDO=""; AS_POSTGRES="runuser -u postgres --"; else SUDO="sudo"; AS_POSTGRES="sudo -u postgres"; fi

if [ ! -x /usr/sbin/nginx ] || ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "Installing Debian's nginx and postgresql..."
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx postgresql >/dev/null
fi

read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters -h | head -1)
started_postgres=false
if [ "$pg_status" != "online" ]; then
  $SUDO pg_ctlcluster "$pg_version" "$pg_cluster" start
  started_postgres=true
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$pg_port" && break; sleep 1; done
pg_isready -q -h 127.0.0.1 -p "$pg_port" || { echo "PostgreSQL $pg_version/$pg_cluster did not start (see /var/log/postgresql/)." >&2; exit 1; }

role="aktivitetsplikt_bench_$(date +%s)_$$"
password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
pg_admin() { (cd / && $AS_POSTGRES psql -p "$pg_port" -v ON_ERROR_STOP=1 -qAt "$@"); }
cleanup() {
  pg_admin -c "DROP DATABASE IF EXISTS \"$role\" WITH (FORCE)" || true
  pg_admin -c "DROP ROLE IF EXISTS \"$role\"" || true
  if [ "$started_postgres" = true ]; then $SUDO pg_ctlcluster "$pg_version" "$pg_cluster" stop || true; fi
}
trap cleanup EXIT
pg_admin -c "CREATE ROLE \"$role\" LOGIN PASSWORD '$password'"
pg_admin -c "CREATE DATABASE \"$role\" OWNER \"$role\""

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release src/Aktivitetsplikt.Web -v q -nologo
dotnet build -c Release tests/Aktivitetsplikt.LoadRun -v q -nologo
AKTIVITETSPLIKT_BENCH_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=$role;Password=$password;Database=$role" \
  dotnet run -c Release --no-build --project tests/Aktivitetsplikt.LoadRun -- cluster "$@"
