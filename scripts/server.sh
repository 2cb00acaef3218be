#!/usr/bin/env bash
# `npm run server`: check what the demo stack needs, build the plugin and bring the stack up with
# Docker Compose. Every missing prerequisite is reported before anything is built, each with a
# one-line fix.
#   npm run server                 the full demo (14 days of history; Grafana is up at once)
#   npm run server -- --light      2 days of history (compose.light.env), as the e2e tests use
#   npm run server -- --check      only the checks, then print the compose command it would run
# Other arguments go to `compose up` (e.g. `-d`). Alertmanager reads the PagerDuty routing key and the
# Slack webhook URL from files that are never committed; on a first start they are created from the
# examples so the stack comes up (notifications then fail to deliver until you put real values in).
set -euo pipefail
cd "$(dirname "$0")/.."

check_only=false
env_file=()
up_args=()
for arg in "$@"; do
  case "$arg" in
    --check) check_only=true ;;
    --light) env_file=(--env-file compose.light.env) ;;
    *) up_args+=("$arg") ;;
  esac
done

problems=0
problem() {
  printf 'server: %s\n        fix: %s\n' "$1" "$2" >&2
  problems=$((problems + 1))
}

# 1. Docker and a Compose that understands this file (v2 plugin preferred, docker-compose >= 1.29).
compose=()
if ! command -v docker >/dev/null 2>&1; then
  problem "docker is not installed" "install Docker Engine or Docker Desktop: https://docs.docker.com/engine/install/"
elif docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  problem "docker has no Compose: \`docker compose\` is not a command here and docker-compose is not installed" \
    "install the Compose v2 plugin: sudo apt-get install docker-compose-plugin (or see https://docs.docker.com/compose/install/)"
fi

# 2. An engine that answers (the CLI alone is not enough).
if command -v docker >/dev/null 2>&1 && ! timeout 20 docker info >/dev/null 2>&1; then
  problem "the Docker engine does not answer (docker info failed)" \
    "start it (sudo systemctl start docker, or open Docker Desktop); if it runs, add yourself to the docker group: sudo usermod -aG docker \$USER, then log in again"
fi

# 3. Free ports, unless this stack already holds them (then `up` just updates it).
running=""
if [ "${#compose[@]}" -gt 0 ] && [ "$problems" -eq 0 ]; then
  running=$("${compose[@]}" ps -q 2>/dev/null || true)
fi
if [ -z "$running" ]; then
  for port in ${SERVER_PORTS:-3000 9090 9091 9093 9200}; do
    if timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
      problem "port $port is already in use on this machine" \
        "stop what listens there (see: sudo ss -ltnp 'sport = :$port'), or a stack from another checkout: docker compose down"
    fi
  done
fi

if [ "$problems" -gt 0 ]; then
  printf 'server: %d problem(s) above; nothing was built or started.\n' "$problems" >&2
  exit 1
fi

command=("${compose[@]}" "${env_file[@]}" up --build "${up_args[@]}")
if [ "$check_only" = true ]; then
  echo "server: ready; would run: ${command[*]}"
  exit 0
fi

secrets=infrastructure/alertmanager/secrets
for example in "$secrets"/*.example; do
  real="${example%.example}"
  if [ ! -f "$real" ]; then
    cp "$example" "$real"
    echo "created $real from its example: put your real value there to receive notifications"
  fi
done

npm run build
exec "${command[@]}"
