#!/usr/bin/env bash
# The page benchmark of issue 12 in one command: seeds 100,000 cases / 2,000,000 audit entries, starts the Release app on
# loopback, drives every signed-in read page and the floor page at 1, 16 and 64 clients, 64 concurrent concern writers.
# The table goes to artifacts/bench/results-<label>-<time>.md. Extra arguments go to the run: --label before, --reuse
# (keep the seeded database of the last run), --seconds 5, --clients 1,16,64, --cases N, --entries N.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/Aktivitetsplikt.Web -v q -nologo
dotnet build -c Release tests/Aktivitetsplikt.LoadRun -v q -nologo
exec dotnet run -c Release --no-build --project tests/Aktivitetsplikt.LoadRun -- pages "$@"
