#!/usr/bin/env bash
# Two Aktivitetsplikt instances on loopback behind Debian's nginx, with affinity for the Blazor circuit
# (docs/deployment.md). Runs in the foreground until stopped (Ctrl-C, SIGTERM, or - with STOP_ON_STDIN=1 - its standard
# input closing) and then stops exactly what it started.
#
#   bash deploy/nginx/two-instances.sh
#
# Settings (environment):
#   NGINX_PORT      where nginx listens on 127.0.0.1 (default 8080)
#   APP_PORT_A/B    the two instances' loopback ports (default 5081, 5082)
#   STATE_DIR       nginx's config, logs and temp files, and the default database (default: a new temp folder)
#   APP_DLL         the built Aktivitetsplikt.Web.dll (default: src/Aktivitetsplikt.Web/bin/{Release,Debug}/net10.0/)
#   ASPNETCORE_ENVIRONMENT   default Development (demo data, plain http)
#   Storage: every Storage__* and ConnectionStrings__* variable is passed to both instances as it is. Without any,
#   both share one SQLite file in WAL mode, $STATE_DIR/app/aktivitetsplikt.db. For PostgreSQL, set the provider and
#   connection string the same way (Storage__Provider=PostgreSQL ...), and nothing else changes here.
# Prints "READY http://127.0.0.1:<NGINX_PORT>" once nginx and both instances answer.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
here="$repo/deploy/nginx"

NGINX_PORT="${NGINX_PORT:-8080}"
APP_PORT_A="${APP_PORT_A:-5081}"
APP_PORT_B="${APP_PORT_B:-5082}"
STATE_DIR="${STATE_DIR:-$(mktemp -d -t aktivitetsplikt-nginx-XXXXXX)}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

nginx_bin="$(command -v nginx || true)"
[ -z "$nginx_bin" ] && [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx
if [ -z "$nginx_bin" ]; then
  echo "Installing Debian's nginx..." >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null
  nginx_bin=/usr/sbin/nginx
fi

if [ -z "${APP_DLL:-}" ]; then
  for configuration in Release Debug; do
    candidate="$repo/src/Aktivitetsplikt.Web/bin/$configuration/net10.0/Aktivitetsplikt.Web.dll"
    if [ -f "$candidate" ]; then APP_DLL="$candidate"; break; fi
  done
fi
if [ ! -f "${APP_DLL:-}" ]; then
  echo "The app is not built: run dotnet build -c Release src/Aktivitetsplikt.Web (or set APP_DLL)." >&2
  exit 1
fi

mkdir -p "$STATE_DIR/app" "$STATE_DIR/temp"
chmod 0700 "$STATE_DIR/app"
# nginx's workers run as an unprivileged user when started as root: they may pass through to their temp folders.
chmod 0711 "$STATE_DIR"
if ! env | grep -qE '^(Storage__|ConnectionStrings__)'; then
  export Storage__DatabasePath="$STATE_DIR/app/aktivitetsplikt.db"
fi

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'exit 0' INT TERM

# Answers 200 on a plain GET? Bash's own /dev/tcp, so nothing else needs installing.
answers() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1"
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
    read -r _ status _ <&3
    [ "$status" = "200" ]
  ) 2>/dev/null
}

wait_for() {
  local name="$1" port="$2" path="$3" pid="$4"
  for _ in $(seq 1 240); do
    if answers "$port" "$path"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name exited; see its log in $STATE_DIR" >&2; exit 1; fi
    sleep 0.5
  done
  echo "$name did not answer $path on port $port within two minutes; see its log in $STATE_DIR" >&2
  exit 1
}

start_instance() {
  local name="$1" port="$2"
  (cd "$repo/src/Aktivitetsplikt.Web" && exec dotnet "$APP_DLL" --urls "http://127.0.0.1:$port") >"$STATE_DIR/$name.log" 2>&1 &
  pids+=("$!")
  # /readyz: the database answers with every migration applied. The first instance migrates (and seeds the demo data)
  # and makes the first data-protection key; the second starts after it, so both use that key from the start.
  wait_for "$name" "$port" /readyz "$!"
}

start_instance app-a "$APP_PORT_A"
start_instance app-b "$APP_PORT_B"

secure=""
[ "$ASPNETCORE_ENVIRONMENT" != "Development" ] && secure="; Secure"
sed -e "s|@STATE@|$STATE_DIR|g" -e "s|@LISTEN@|127.0.0.1:$NGINX_PORT|g" \
    -e "s|@APP_A@|127.0.0.1:$APP_PORT_A|g" -e "s|@APP_B@|127.0.0.1:$APP_PORT_B|g" -e "s|@COOKIE_SECURE@|$secure|g" \
    "$here/two-instances.conf.template" >"$STATE_DIR/nginx.conf"
mkdir -p "$STATE_DIR/logs"
"$nginx_bin" -t -q -e "$STATE_DIR/error.log" -p "$STATE_DIR" -c "$STATE_DIR/nginx.conf"
"$nginx_bin" -e "$STATE_DIR/error.log" -p "$STATE_DIR" -c "$STATE_DIR/nginx.conf" -g 'daemon off;' &
pids+=("$!")
wait_for nginx "$NGINX_PORT" /healthz "$!"

echo "READY http://127.0.0.1:$NGINX_PORT"
if [ "${STOP_ON_STDIN:-0}" = "1" ]; then
  # The parent (a test) ends the run by closing our standard input, or by ending itself.
  cat >/dev/null || true
else
  wait -n "${pids[@]}" || true
  echo "A process stopped; stopping the rest." >&2
fi
