#!/usr/bin/env bash
# Times start-ups of the app on the benchmark's seeded database (artifacts/bench/data, made by bench/run.sh): process start
# to the first 200 from /logg-inn, with the steps Infrastructure/StartUp.cs logs. The first start on a freshly seeded or older
# database applies its migrations; the ones after it are the start-up of docs/performance.md.
#   bash bench/start-up.sh [runs (3)] [app dll (this checkout's Release build)]
#   e.g. a ReadyToRun build: dotnet publish src/Aktivitetsplikt.Web -c Release -r linux-x64 --self-contained false \
#          -p:PublishReadyToRun=true -o artifacts/r2r && bash bench/start-up.sh 3 artifacts/r2r/Aktivitetsplikt.Web.dll
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
dll=$(realpath "${2:-src/Aktivitetsplikt.Web/bin/Release/net10.0/Aktivitetsplikt.Web.dll}")
data=$(realpath artifacts/bench/data)
[ -f "$data/aktivitetsplikt.db" ] && [ -f "$data/bench-audit.key" ] || { echo "No seeded database in $data: run bash bench/run.sh first." >&2; exit 2; }
[ -f "$dll" ] || { echo "No app build at $dll: dotnet build -c Release src/Aktivitetsplikt.Web" >&2; exit 2; }
for run in $(seq "$runs"); do
  port=$((20000 + RANDOM % 20000))
  log=$(mktemp)
  started=$(date +%s%N)
  (cd "$(dirname "$dll")" && exec env ASPNETCORE_ENVIRONMENT=Testing Storage__DatabasePath="$data/aktivitetsplikt.db" Demo__Enabled=false \
    Audit__Keys__bench="$(cat "$data/bench-audit.key")" Audit__AnchorFile="$data/anchors.log" DataProtection__AllowUnprotectedKeys=true \
    Logging__LogLevel__Default=Warning Logging__LogLevel__Aktivitetsplikt.Web.Infrastructure.StartUp=Information \
    Notifications__BackgroundServices=false dotnet "$dll" --urls "http://127.0.0.1:$port") >"$log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/logg-inn" || true)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.05
  done
  answered=$(date +%s%N)
  echo "run $run: first 200 from /logg-inn $(( (answered - started) / 1000000 )) ms after the start; load $(cut -d' ' -f1-3 /proc/loadavg)"
  grep "Start-up step" "$log" | sed 's/^ */  /'
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$log"
done
