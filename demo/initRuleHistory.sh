#!/bin/sh
# docker-compose step after Prometheus is up: evaluate the recording rules over the backfilled span
# (`promtool tsdb create-blocks-from rules`, which queries the running Prometheus) so the
# codesentinel:* series have history too. Blocks are written beside the TSDB and then renamed into
# it; Prometheus loads new blocks on its next reload (about a minute) without a restart.
# Every rule in recording.yaml reads raw series only, which one pass requires.
set -eu
DATA="${HISTORY_OUT:-/prometheus}"
SPAN="$DATA/.codesentinel-history"
MARKER="$DATA/.codesentinel-rule-history"
if [ -f "$MARKER" ]; then
  echo "rule history: already backfilled, skipping"
  exit 0
fi
if [ ! -f "$SPAN" ]; then
  echo "rule history: no backfilled span recorded, nothing to do"
  exit 0
fi
read -r START END < "$SPAN"
OUT="$DATA/.rule-blocks"
rm -rf "$OUT"
promtool tsdb create-blocks-from rules --start="$START" --end="$END" --eval-interval=60s \
  --url="${PROMETHEUS_URL:-http://prometheus:9090}" --output-dir="$OUT" "${RULES_FILE:-/rules/recording.yaml}"
chown -R "${PROMETHEUS_UID:-65534}:${PROMETHEUS_UID:-65534}" "$OUT"
for block in "$OUT"/*; do
  [ -d "$block" ] && mv "$block" "$DATA/"
done
rm -rf "$OUT"
date -u +%Y-%m-%dT%H:%M:%SZ > "$MARKER"
echo "rule history: recording rules backfilled from $START to $END"
