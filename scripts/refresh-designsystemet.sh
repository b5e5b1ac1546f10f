#!/usr/bin/env bash
# Refreshes the vendored Designsystemet CSS in src/Aktivitetsplikt.Web/wwwroot/lib/designsystemet/.
# Running or testing the app needs no npm: only this script does (ADR 013). Pin the versions here.
set -euo pipefail
CSS_VERSION="${DESIGNSYSTEMET_CSS_VERSION:-1.22.0}"
THEME_VERSION="${DESIGNSYSTEMET_THEME_VERSION:-1.11.0}"

root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/src/Aktivitetsplikt.Web/wwwroot/lib/designsystemet"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts \
  "@digdir/designsystemet-css@$CSS_VERSION" "@digdir/designsystemet-theme@$THEME_VERSION" >/dev/null

css="$work/node_modules/@digdir/designsystemet-css"
theme="$work/node_modules/@digdir/designsystemet-theme"
rm -rf "$target"
mkdir -p "$target"
# The components, and Digdir's own brand theme (colours, typography, sizes as CSS custom properties). A
# kommune's accent colour is laid over it at run time by /branding.css (Infrastructure/Branding.cs).
cp "$css/dist/src/index.css" "$target/designsystemet.css"
cp "$theme/brand/digdir.css" "$target/theme.css"
cp "$css/LICENSE" "$target/LICENSE-designsystemet-css"
cp "$theme/LICENSE" "$target/LICENSE-designsystemet-theme"
cat > "$target/VERSION" <<VERSIONS
@digdir/designsystemet-css $CSS_VERSION
@digdir/designsystemet-theme $THEME_VERSION
refreshed by scripts/refresh-designsystemet.sh
VERSIONS
echo "Designsystemet $CSS_VERSION (theme $THEME_VERSION) vendored into $target"
