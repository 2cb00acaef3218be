#!/usr/bin/env bash
# Static checks of the real stack's configuration with the real tools: promtool (config, rules,
# rule unit tests and their coverage), amtool (config and routing), docker-compose (compose file and
# what `npm run server` relies on), server.sh's prerequisite checks (stub docker), actionlint (the
# GitHub workflows).
# Prints every check; exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { printf '\n--- %s\n' "$*"; }

step "promtool check config (rule_files pointed at the repo's rules)"
sed "s#/etc/prometheus/rules/#$PWD/infrastructure/prometheus/rules/#" infrastructure/prometheus/prometheus.yml > "$work/prometheus.yml"
promtool check config "$work/prometheus.yml"

step "promtool check rules"
promtool check rules infrastructure/prometheus/rules/*.yaml

step "promtool test rules (every alert firing and quiet, every recording rule evaluated)"
promtool test rules infrastructure/prometheus/tests/*.yaml
node scripts/check-rule-coverage.mjs

step "long-term aggregates: promtool check rules and vmalert -dryRun (the rules vmalert evaluates on the store)"
promtool check rules infrastructure/victoriametrics/long-term-rules.yaml
vmalert -rule=infrastructure/victoriametrics/long-term-rules.yaml -dryRun -loggerLevel=WARN

step "amtool check-config"
amtool check-config infrastructure/alertmanager/alertmanager.yml

step "amtool config routes test: P1 pages, P2 and unlabelled alerts go to Slack"
routes=0
route() {
  expected=$1
  shift
  printf '%-40s -> ' "$*"
  amtool config routes test --config.file=infrastructure/alertmanager/alertmanager.yml --verify.receivers="$expected" "$@" 2>/dev/null
  routes=$((routes + 1))
}
route pagerduty-p1 severity=P1 service=checkout alertname=ErrorBudgetBurnFast
route pagerduty-p1 severity=P1 alertname=NodeDown instance=node-exporter:9100
route slack-p2 severity=P2 service=payments alertname=LatencyP95OverSLO
route slack-p2 severity=P2 service=checkout alertname=DeployFailed environment=production
route slack-p2 alertname=Watchdog
echo "$routes routing cases ok"

step "docker-compose config"
docker-compose -f docker-compose.yaml config -q
echo "docker-compose.yaml is valid ($(docker-compose -f docker-compose.yaml config --services | wc -l) services)"

step "compose: one build, Grafana not gated on the backfill, 127.0.0.1 ports, light profile, healthcheck"
node scripts/infra/check-compose.mjs

step "server.sh prerequisite checks (stub docker / docker-compose, no engine)"
bash scripts/infra/test-server-checks.sh

step "actionlint .github/workflows"
actionlint_bin=$(command -v actionlint || echo "$(go env GOPATH)/bin/actionlint")
"$actionlint_bin" -no-color .github/workflows/*.yml
echo "workflows are valid"

printf '\ntest-infra: all checks passed in %s s\n' "$(( $(date +%s) - started ))"
