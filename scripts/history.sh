#!/usr/bin/env bash
# Backfill the demo workload's past into a Prometheus data directory with the local promtool.
#   bash scripts/history.sh [data dir, default .cache/prometheus-data] [extra demo/history.ts options]
# e.g. `bash scripts/history.sh /tmp/prom --days 2`, then start Prometheus on that directory.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-.cache/prometheus-data}"
shift || true
npx tsx demo/history.ts --out "$OUT" "$@"
# The deployment runs of the same days (same --days/--end/--seed options).
exec npx tsx demo/deployHistory.ts --out "$OUT" "$@"
