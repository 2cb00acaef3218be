#!/usr/bin/env bash
# Installs the real servers and tools the test suites run against (Debian packages), only if missing.
set -euo pipefail
packages=(prometheus victoria-metrics prometheus-alertmanager prometheus-pushgateway prometheus-node-exporter postgresql prometheus-postgres-exporter chromium docker-compose fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "system deps present: ${packages[*]}"

# actionlint checks the GitHub workflows offline (scripts/test-infra.sh); from the Go module proxy.
ACTIONLINT_VERSION=v1.7.12
if ! command -v actionlint >/dev/null 2>&1 && [ ! -x "$(go env GOPATH 2>/dev/null)/bin/actionlint" ]; then
  echo "installing actionlint $ACTIONLINT_VERSION (go install)"
  go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi
echo "actionlint present"
