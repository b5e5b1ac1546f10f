#!/usr/bin/env bash
# The README's test command: installs what the tests need, then runs every test in the solution.
# CI (.ci/run) calls exactly this. Browser tests fail, never skip, when Chromium is missing and CI=true.
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
  echo "Node.js/npm is missing: the sign-in browser tests will fail and say so."
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$(mktemp -d)"
status=0
dotnet test Aktivitetsplikt.sln -c Release --logger "trx" --results-directory "$results" 2>&1 | tee "$results/output.log" || status=$?

# One plain closing line over all test projects, so a run that tested nothing cannot pass unseen.
passed=$(grep -ohE 'Passed: +[0-9]+' "$results/output.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -ohE 'Failed: +[0-9]+' "$results/output.log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -ohE 'Skipped: +[0-9]+' "$results/output.log" | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ]; then echo "No test ran."; exit 1; fi
exit $status
