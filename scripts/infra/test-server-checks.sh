#!/usr/bin/env bash
# scripts/server.sh's prerequisite checks against stub `docker` / `docker-compose` executables (no
# Docker engine needed): each missing piece is named with its fix before anything is built, and the
# compose command it settles on is the one that exists. Exits non-zero on the first wrong outcome.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
listener=""
trap '[ -n "$listener" ] && kill "$listener" 2>/dev/null; rm -rf "$work"' EXIT

# A PATH with the tools server.sh uses and nothing Docker: stubs are added per case.
tools="$work/tools"
mkdir -p "$tools"
for t in bash env cat grep sed head timeout cp dirname sleep; do
  ln -s "$(command -v "$t")" "$tools/$t"
done

# stub NAME BODY: an executable NAME whose script body is BODY ($1.. are its arguments).
stub() {
  printf '#!%s\n%s\n' "$(command -v bash)" "$2" > "$case_dir/$1"
  chmod +x "$case_dir/$1"
}

# A port nobody else uses, held by a listener for the busy-port case.
free_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
node -e "require('net').createServer().listen($free_port,'127.0.0.1')" &
listener=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$free_port") 2>/dev/null && break
  sleep 0.1
done

cases=0
expect_case() {
  local name=$1 want_status=$2 want_text=$3
  shift 3
  local out status=0
  out=$(PATH="$case_dir:$tools" SERVER_PORTS="${ports:-}" bash scripts/server.sh --check "$@" 2>&1) || status=$?
  if [ "$status" -ne "$want_status" ] || ! grep -qF -- "$want_text" <<<"$out"; then
    printf 'FAIL %s: exit %s (wanted %s), output:\n%s\n(wanted to contain: %s)\n' "$name" "$status" "$want_status" "$out" "$want_text"
    exit 1
  fi
  printf 'ok   %-48s %s\n' "$name" "$(head -n 1 <<<"$out")"
  cases=$((cases + 1))
}
new_case() {
  case_dir="$work/$1"
  mkdir -p "$case_dir"
  ports=""
}

new_case no-docker
expect_case "no docker at all" 1 "docker is not installed"

new_case no-compose
stub docker 'if [ "$1" = compose ]; then echo "docker: unknown command: docker compose" >&2; exit 1; fi; exit 0'
expect_case "docker without Compose v2 and no docker-compose" 1 "install the Compose v2 plugin"

new_case compose-v1
stub docker 'if [ "$1" = compose ]; then exit 1; fi; exit 0'
stub docker-compose 'exit 0'
expect_case "only docker-compose (v1): used instead" 0 "would run: docker-compose up --build"

new_case engine-down
stub docker 'case "$1" in compose) exit 0 ;; info) echo "Cannot connect to the Docker daemon" >&2; exit 1 ;; esac; exit 0'
expect_case "engine unreachable" 1 "the Docker engine does not answer"

new_case port-busy
stub docker 'exit 0'
ports="$free_port"
expect_case "a port in use" 1 "port $free_port is already in use"

new_case port-busy-own-stack
stub docker 'if [ "$1 $2" = "compose ps" ]; then echo 3f2a; fi; exit 0'
ports="$free_port"
expect_case "ports held by this stack itself: fine" 0 "would run: docker compose up --build"

new_case all-good-light
stub docker 'exit 0'
ports="$free_port"
kill "$listener"
wait "$listener" 2>/dev/null || true
listener=""
expect_case "everything there, light profile" 0 "would run: docker compose --env-file compose.light.env up --build -d" --light -d

echo "server.sh checks: $cases cases ok"
