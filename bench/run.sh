#!/usr/bin/env bash
# The page benchmark of issue 12 in one command: seeds 100,000 cases / 2,000,000 audit entries, starts the Release app
# (published ReadyToRun, as deployed) on loopback, drives every signed-in read page and the floor page at 1, 16 and 64
# clients, 64 concurrent concern writers.
# The table goes to artifacts/bench/results-<label>-<time>.md. Extra arguments go to the run: --label before, --reuse
# (keep the seeded database of the last run), --seconds 5, --clients 1,16,64, --cases N, --entries N.
set -euo pipefail
cd "$(dirname "$0")/.."
# The app as a deployment runs it: published for the runtime, which precompiles it (ReadyToRun, ADR 023), so the start-up
# figure is a deployment's. AKTIVITETSPLIKT_BENCH_WEB_DLL names another build to run instead (main's, or the plain Release
# build: src/Aktivitetsplikt.Web/bin/Release/net10.0/Aktivitetsplikt.Web.dll).
if [ -z "${AKTIVITETSPLIKT_BENCH_WEB_DLL:-}" ]; then
  dotnet publish -c Release -r linux-x64 --self-contained false src/Aktivitetsplikt.Web -o artifacts/publish/web -v q -nologo
  export AKTIVITETSPLIKT_BENCH_WEB_DLL="$PWD/artifacts/publish/web/Aktivitetsplikt.Web.dll"
fi
dotnet build -c Release tests/Aktivitetsplikt.LoadRun -v q -nologo
exec dotnet run -c Release --no-build --project tests/Aktivitetsplikt.LoadRun -- pages "$@"
