#!/usr/bin/env bash
# The crash test (issue 9, docs/security.md "Crash test"): the Release app on loopback, concerns sent concurrently from
# Chromium tabs through /meld, the server killed with SIGKILL and restarted, then PRAGMA integrity_check, every
# acknowledged receipt present exactly once, no retry duplicated, and the audit chain verified.
# Usage: bash tests/crash/run.sh [rounds=3] [tabs=6] [seconds=20]   (needs /usr/bin/chromium)
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet run -c Release --project tests/Aktivitetsplikt.LoadRun -- crash "${1:-3}" "${2:-6}" "${3:-20}"
