#!/usr/bin/env bash
# Refreshes docs/screenshots/: every page at 1366 and 390 px, taken by the browser tests (MainPageTests) from the
# real app with its demo data in Debian's Chromium. A normal test run writes its screenshots to artifacts/ instead.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f docs/screenshots/*.png
AKTIVITETSPLIKT_UPDATE_SCREENSHOTS=1 dotnet test tests/Aktivitetsplikt.EndToEnd.Tests --filter "FullyQualifiedName~MainPageTests" "$@"
ls docs/screenshots
