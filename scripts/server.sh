#!/usr/bin/env bash
# `npm run server`: build the plugin and bring the whole demo stack up with Docker Compose.
# Alertmanager reads the PagerDuty routing key and the Slack webhook URL from files that are never
# committed; on a first start they are created from the examples so the stack comes up (notifications
# then fail to deliver until you put real values in them).
set -euo pipefail
cd "$(dirname "$0")/.."

secrets=infrastructure/alertmanager/secrets
for example in "$secrets"/*.example; do
  real="${example%.example}"
  if [ ! -f "$real" ]; then
    cp "$example" "$real"
    echo "created $real from its example: put your real value there to receive notifications"
  fi
done

npm run build
exec docker compose up --build "$@"
