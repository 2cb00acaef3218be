#!/bin/sh
# docker-compose init step: backfill the demo's past into the Prometheus data volume once, then
# hand the files to the user Prometheus runs as. A second `up` finds the marker and skips.
set -eu
DATA="${HISTORY_OUT:-/prometheus}"
MARKER="$DATA/.codesentinel-history"
if [ -f "$MARKER" ]; then
  echo "history: already backfilled ($(cat "$MARKER")), skipping"
  exit 0
fi
tsx demo/history.ts --out "$DATA" --promtool /usr/local/bin/promtool
date -u +%Y-%m-%dT%H:%M:%SZ > "$MARKER"
chown -R "${PROMETHEUS_UID:-65534}:${PROMETHEUS_UID:-65534}" "$DATA"
