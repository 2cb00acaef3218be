#!/bin/sh
# docker-compose init step: writes 13 months of the demo's past (15-minute steps) into the long-term
# store (VictoriaMetrics) through its import API, once per store volume (--once skips when the store
# already holds demo data older than two days, which live remote_write alone cannot have).
set -eu
tsx demo/longTermHistory.ts --vm-url "${LONG_TERM_URL:-http://victoriametrics:8428}" --once
