#!/usr/bin/env bash
# Runs the whole test suite against real servers: installs and starts Redis, ClickHouse, ZooKeeper and
# Kafka (scripts/services.sh up), builds the solution, runs every test, and ends with "N passed, N failed".
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Smoke").
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null; then echo "dotnet SDK 10 is required" >&2; echo "0 passed, 1 failed"; exit 1; fi

if ! scripts/services.sh up; then
  echo "services failed to start" >&2
  scripts/services.sh status || true
  echo "0 passed, 1 failed"
  exit 1
fi

# Topics left by earlier suites and benchmarks on this machine (each suite adds ~150 partitions; a broker with
# ~17,000 stops answering). A clean CI clone has none.
scripts/services.sh prune-topics || echo "pruning old topics failed; tests may find a slow broker" >&2
scripts/services.sh prune-redis || echo "pruning old redis keys failed" >&2

if ! dotnet build orleans.sln -c Release -nologo -v quiet; then
  echo "build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
dotnet test Tests -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --results-directory "$ROOT/TestResults" \
  --blame-hang-timeout 10m "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

summary=$(grep -E "Failed:[[:space:]]*[0-9]+, Passed:[[:space:]]*[0-9]+" "$log" | tail -n 1)
rm -f "$log"
if [ -z "$summary" ]; then
  echo "no test summary found (test host crashed?)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
failed=$(sed -E 's/.*Failed:[[:space:]]*([0-9]+).*/\1/' <<<"$summary")
passed=$(sed -E 's/.*Passed:[[:space:]]*([0-9]+).*/\1/' <<<"$summary")
skipped=$(sed -E 's/.*Skipped:[[:space:]]*([0-9]+).*/\1/' <<<"$summary")
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
