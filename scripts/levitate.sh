#!/usr/bin/env bash
# Checks the plugin's use of @grafana/data, @grafana/ui and @grafana/runtime against the latest
# published versions, as create-plugin's is-compatible GitHub workflow does. Needs the npm registry
# (npx downloads @grafana/levitate and the target packages). Exit code is levitate's.
set -euo pipefail
cd "$(dirname "$0")/.."
exec npx --yes @grafana/levitate@latest is-compatible \
  --path src/module.tsx \
  --target @grafana/data,@grafana/ui,@grafana/runtime
