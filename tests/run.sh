#!/usr/bin/env bash
# The README's test command: installs what the tests need, then runs every test in the solution, and the Web tests a
# second time on PostgreSQL. CI (.ci/run) calls exactly this. Browser tests fail, never skip, when Chromium is missing and CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null \
    || echo "Could not install chromium: the browser tests will fail and say so."
fi

# The mail delivery tests fail, never skip, without it. Debian's interpreter: python3-aiosmtpd installs
# there, whatever python3 is first on the PATH.
if ! /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null; then
  echo "Installing Debian's python3-aiosmtpd for the mail delivery tests..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-aiosmtpd >/dev/null \
    || echo "Could not install python3-aiosmtpd: the mail delivery tests will fail and say so."
fi

# The sign-in tests run a real OpenID provider (npm's oidc-provider, pinned by tests/oidc-provider/package-lock.json) on
# Node.js, and age a session in the app's SQLite file with sqlite3. They fail, never skip, when either is missing.
if ! command -v sqlite3 >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq sqlite3 >/dev/null \
    || echo "Could not install sqlite3: the session-expiry browser test will fail and say so."
fi
if command -v npm >/dev/null; then
  (cd tests/oidc-provider && npm ci --no-audit --no-fund --loglevel=error) \
    || echo "npm ci failed in tests/oidc-provider: the sign-in browser tests will fail and say so."
else
  echo "Installing Debian's nodejs and npm for the sign-in browser tests..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq || true
  if DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null; then
    (cd tests/oidc-provider && npm ci --no-audit --no-fund --loglevel=error) \
      || echo "npm ci failed in tests/oidc-provider: the sign-in browser tests will fail and say so."
  else
    echo "Could not install Node.js/npm: the sign-in browser tests will fail and say so."
  fi
fi

# The load-balancer tests (two instances behind nginx, deploy/nginx/two-instances.sh) fail, never skip, without it.
if [ ! -x /usr/sbin/nginx ]; then
  echo "Installing Debian's nginx for the load-balancer tests..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null \
    || echo "Could not install nginx: the load-balancer tests will fail and say so."
fi

# The archive export's tests convert documents to PDF/A with LibreOffice (ADR 020) and check fonts with poppler's pdffonts;
# they fail, never skip, without them.
if [ ! -x /usr/bin/soffice ] || [ ! -x /usr/bin/pdffonts ]; then
  echo "Installing Debian's LibreOffice Writer and poppler-utils for the archive export tests..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils >/dev/null \
    || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-writer poppler-utils >/dev/null \
    || echo "Could not install LibreOffice: the archive export tests will fail and say so."
fi

# The Web tests run a second time on PostgreSQL (docs/decisions/012-storage-providers.md): Debian's server on 127.0.0.1, a
# throwaway role for this run that creates a database per test and is dropped with them afterwards. Under CI=true a server
# that cannot start fails the run; elsewhere the PostgreSQL pass is skipped, loudly.
if [ "$(id -u)" -eq 0 ]; then SUDO=""; AS_POSTGRES="runuser -u postgres --"; else SUDO="sudo"; AS_POSTGRES="sudo -u postgres"; fi
postgres_ready=false
postgres_problem=""
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "Installing Debian's postgresql for the PostgreSQL pass of the Web tests..."
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null || postgres_problem="could not install postgresql"
fi
if [ -z "$postgres_problem" ]; then
  read -r pg_version pg_cluster pg_port _ < <(pg_lsclusters -h 2>/dev/null | head -1) || true
  if [ -z "${pg_version:-}" ]; then
    postgres_problem="no PostgreSQL cluster (pg_lsclusters shows none)"
  else
    $SUDO pg_ctlcluster "$pg_version" "$pg_cluster" start >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$pg_port" && break; sleep 1; done
    if pg_isready -q -h 127.0.0.1 -p "$pg_port"; then postgres_ready=true
    else postgres_problem="PostgreSQL $pg_version/$pg_cluster did not start (see /var/log/postgresql/)"; fi
  fi
fi
if [ "$postgres_ready" = true ]; then
  pg_role="aktivitetsplikt_test_$(date +%s)_$$"
  pg_password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  # Runs from / so that the postgres user can start psql whatever this checkout's permissions are.
  pg_admin() { (cd / && $AS_POSTGRES psql -p "$pg_port" -v ON_ERROR_STOP=1 -qAt "$@"); }
  drop_test_databases() {
    for db in $(pg_admin -c "SELECT datname FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = '$pg_role')"); do
      pg_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
    done
    pg_admin -c "DROP ROLE IF EXISTS \"$pg_role\"" || true
  }
  trap drop_test_databases EXIT
  pg_admin -c "CREATE ROLE \"$pg_role\" LOGIN CREATEDB PASSWORD '$pg_password'" || { postgres_ready=false; postgres_problem="could not create the test role"; }
fi
if [ "$postgres_ready" != true ]; then
  if [ "${CI:-}" = "true" ]; then echo "PostgreSQL is needed for the second pass of the Web tests: $postgres_problem."; exit 1; fi
  echo "WARNING: the PostgreSQL pass of the Web tests is SKIPPED: $postgres_problem."
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$(mktemp -d)"
status=0
# Tests that copy into PostgreSQL, and the load-balancer browser tests on PostgreSQL, carry Provider=PostgreSqlOnly and run in the
# second pass only (none is skipped).
dotnet test Aktivitetsplikt.sln -c Release --filter "Provider!=PostgreSqlOnly" --logger "trx" --results-directory "$results" 2>&1 | tee "$results/output.log" || status=$?

if [ "$postgres_ready" = true ]; then
  echo "The Web tests again, on PostgreSQL $pg_version (tests that are about SQLite itself carry the trait Provider=SqliteOnly):"
  AKTIVITETSPLIKT_TEST_PROVIDER=PostgreSQL \
  AKTIVITETSPLIKT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=$pg_role;Password=$pg_password;Database=postgres" \
    dotnet test tests/Aktivitetsplikt.Web.Tests -c Release --no-build --filter "Provider!=SqliteOnly" \
      --logger "trx;LogFilePrefix=postgresql" --results-directory "$results" 2>&1 | tee -a "$results/output.log" || status=$?
  echo "The load-balancer browser tests on PostgreSQL (two instances behind nginx, one database of their own):"
  AKTIVITETSPLIKT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=$pg_role;Password=$pg_password;Database=postgres" \
    dotnet test tests/Aktivitetsplikt.EndToEnd.Tests -c Release --no-build --filter "Provider=PostgreSqlOnly" \
      --logger "trx;LogFilePrefix=postgresql-e2e" --results-directory "$results" 2>&1 | tee -a "$results/output.log" || status=$?
fi

# One plain closing line over all test projects and both providers, so a run that tested nothing cannot pass unseen.
passed=$(grep -ohE 'Passed: +[0-9]+' "$results/output.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -ohE 'Failed: +[0-9]+' "$results/output.log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -ohE 'Skipped: +[0-9]+' "$results/output.log" | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ]; then echo "No test ran."; exit 1; fi
exit $status
