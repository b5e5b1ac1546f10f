#!/usr/bin/env bash
# Refreshes docs/screenshots/: every page at 1366 and 390 px, taken by the browser tests (MainPageTests) from the
# real app with its demo data in Debian's Chromium. A normal test run writes its screenshots to artifacts/ instead.
# The filter also takes FamilyMainPageTests: the family's pages, whose guardian signs in with ID-porten through the local
# OpenID provider (tests/oidc-provider, Node.js), and the sign-in page with Feide and ID-porten on.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d tests/oidc-provider/node_modules/oidc-provider ] || (cd tests/oidc-provider && npm ci --no-audit --no-fund --loglevel=error)
rm -f docs/screenshots/*.png
AKTIVITETSPLIKT_UPDATE_SCREENSHOTS=1 dotnet test tests/Aktivitetsplikt.EndToEnd.Tests --filter "FullyQualifiedName~MainPageTests" "$@"
ls docs/screenshots
