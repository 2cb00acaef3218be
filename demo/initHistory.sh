#!/bin/sh
# docker-compose init step: backfill the demo's past into the Prometheus data volume once, then
# hand the files to the user Prometheus runs as. A second `up` finds the marker and skips.
set -eu
DATA="${HISTORY_OUT:-/prometheus}"
MARKER="$DATA/.codesentinel-history"
if [ -f "$MARKER" ]; then
  echo "history: already backfilled (span $(cat "$MARKER")), skipping"
  exit 0
fi
END=$(date +%s)
tsx demo/history.ts --out "$DATA" --promtool "${PROMTOOL:-/usr/local/bin/promtool}" --end "$END"
# The deployment runs of the same days (Deployment Pipeline, deploy markers), lined up with its incidents.
tsx demo/deployHistory.ts --out "$DATA" --promtool "${PROMTOOL:-/usr/local/bin/promtool}" --end "$END"
# "<start> <end>" in Unix seconds: the rule backfill (demo/initRuleHistory.sh) covers the same span.
echo "$((END - ${HISTORY_DAYS:-14} * 86400)) $END" > "$MARKER"
chown -R "${PROMETHEUS_UID:-65534}:${PROMETHEUS_UID:-65534}" "$DATA"
