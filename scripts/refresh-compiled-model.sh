#!/usr/bin/env bash
# Regenerates the compiled EF Core models the app starts on (ADR 023), one per migration set / provider:
#   SQLite     -> src/Aktivitetsplikt.Web/Data/CompiledModels/Sqlite      (AppDbContext)
#   PostgreSQL -> src/Aktivitetsplikt.Web/Data/CompiledModels/PostgreSql  (PostgreSqlAppDbContext)
# Run after any change to the model (scripts/add-migration.sh runs it after adding a migration). CompiledModelTests fail
# while a committed compiled model differs from the model the code builds. No database server is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
project=src/Aktivitetsplikt.Web
models=$project/Data/CompiledModels
# The old model goes first: generated against a model that has since changed, it may not even compile. Without it EF Core
# builds the model from code (slower start, same behaviour), so the build below and dotnet-ef work.
rm -rf "$models"
dotnet build "$project" -c Debug -v q -nologo >/dev/null
dotnet ef dbcontext optimize --no-build --project "$project" --context AppDbContext \
  --output-dir Data/CompiledModels/Sqlite --namespace Aktivitetsplikt.Web.Data.CompiledModels.Sqlite >/dev/null
dotnet ef dbcontext optimize --no-build --project "$project" --context PostgreSqlAppDbContext \
  --output-dir Data/CompiledModels/PostgreSql --namespace Aktivitetsplikt.Web.Data.CompiledModels.PostgreSql >/dev/null
echo "Compiled models refreshed in $models ($(find "$models" -name '*.cs' | wc -l) files)."
