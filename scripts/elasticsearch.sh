#!/usr/bin/env bash
# Fetch, start and stop a real Elasticsearch for the satellite telemetry tests.
#
#   bash scripts/elasticsearch.sh fetch    # download Elastic's integ-test zip from Maven Central (once)
#   bash scripts/elasticsearch.sh start    # run it on 127.0.0.1:$ES_HTTP_PORT, wait for yellow/green
#   bash scripts/elasticsearch.sh stop     # stop it by PID (data is kept, so start again resumes)
#   bash scripts/elasticsearch.sh reset    # stop and delete the data
#   bash scripts/elasticsearch.sh status
#
# Elasticsearch refuses to run as root and has no switch to allow it, so when we are root (here and
# on CI) the node runs as a dedicated system user, created on first use. Everything it writes lives
# in a run folder under /tmp that the user owns; the distribution itself is unpacked there too,
# because the checkout may sit in a folder other users cannot enter (e.g. /root).
set -euo pipefail

ES_VERSION="${ES_VERSION:-8.17.0}"
ES_HTTP_PORT="${ES_HTTP_PORT:-19200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-19300}"
ES_HEAP="${ES_HEAP:-512m}"
ES_USER="${ES_USER:-codesentinel-es}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="$ROOT/.cache/elasticsearch"
ZIP="$CACHE/elasticsearch-$ES_VERSION.zip"
RUN="${ES_RUN_DIR:-${TMPDIR:-/tmp}/codesentinel-elasticsearch-$ES_HTTP_PORT}"
HOME_DIR="$RUN/elasticsearch-$ES_VERSION"
PIDFILE="$RUN/elasticsearch.pid"
URL="http://127.0.0.1:$ES_HTTP_PORT"

log() { echo "elasticsearch.sh: $*" >&2; }

fetch() {
  if [ -s "$ZIP" ]; then
    log "present: $ZIP ($(du -h "$ZIP" | cut -f1))"
    return
  fi
  mkdir -p "$CACHE"
  local started=$SECONDS
  log "downloading org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip from Maven Central"
  mvn -q -B dependency:copy \
    -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
    -DoutputDirectory="$CACHE" >&2
  log "downloaded $(du -h "$ZIP" | cut -f1) in $((SECONDS - started)) s"
}

is_running() {
  [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

as_es_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

prepare() {
  [ -s "$ZIP" ] || fetch
  if [ "$(id -u)" -eq 0 ] && ! id "$ES_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER"
    log "created system user $ES_USER (Elasticsearch will not run as root)"
  fi
  mkdir -p "$RUN"
  if [ ! -x "$HOME_DIR/bin/elasticsearch" ]; then
    if command -v unzip >/dev/null; then
      (cd "$RUN" && unzip -q -o "$ZIP")
    else
      # Python's zipfile drops the executable bits, so restore them for the launch scripts.
      python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$ZIP" "$RUN"
      chmod +x "$HOME_DIR"/bin/*
    fi
  fi
  mkdir -p "$RUN/data" "$RUN/logs" "$RUN/tmp"
  if [ ! -d "$RUN/config" ]; then
    cp -r "$HOME_DIR/config" "$RUN/config"
    # The default jvm.options write GC logs and heap dumps relative to the working directory.
    sed -i -e "s#file=logs/gc.log#file=$RUN/logs/gc.log#" -e "s#HeapDumpPath=data#HeapDumpPath=$RUN/data#" \
      -e "s#ErrorFile=logs/#ErrorFile=$RUN/logs/#" "$RUN/config/jvm.options"
  fi
  if [ "$(id -u)" -eq 0 ]; then
    chown -R "$ES_USER" "$RUN/data" "$RUN/logs" "$RUN/tmp" "$RUN/config"
    chown "$ES_USER" "$RUN"
  fi
}

start() {
  if is_running; then
    log "already running (pid $(cat "$PIDFILE")) at $URL"
    return
  fi
  prepare
  rm -f "$PIDFILE"
  local java_home
  java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
  local started=$SECONDS
  # The integ-test distribution has only x-pack-core/security, netty and apm: settings of other
  # modules (ml, geoip, ...) would be rejected as unknown, so none are passed.
  (cd "$RUN" && as_es_user env ES_JAVA_HOME="$java_home" ES_PATH_CONF="$RUN/config" ES_TMPDIR="$RUN/tmp" \
    ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" \
    "$HOME_DIR/bin/elasticsearch" -d -p "$PIDFILE" \
    -E cluster.name=codesentinel-test -E node.name=codesentinel-test-node \
    -E network.host=127.0.0.1 -E http.port="$ES_HTTP_PORT" -E transport.port="$ES_TRANSPORT_PORT" \
    -E discovery.type=single-node -E xpack.security.enabled=false \
    -E path.data="$RUN/data" -E path.logs="$RUN/logs" \
    -E cluster.routing.allocation.disk.threshold_enabled=false \
    -E action.auto_create_index=true >"$RUN/logs/startup.out" 2>&1) || {
    log "failed to start; last lines of $RUN/logs/startup.out:"
    tail -n 30 "$RUN/logs/startup.out" >&2
    exit 1
  }
  for _ in $(seq 1 240); do
    if curl -fsS "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      log "up at $URL (pid $(cat "$PIDFILE")) after $((SECONDS - started)) s"
      return
    fi
    if ! is_running; then
      log "process exited during startup; see $RUN/logs"
      tail -n 30 "$RUN/logs/codesentinel-test.log" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  log "no yellow/green health after 120 s"
  exit 1
}

stop() {
  if ! is_running; then
    rm -f "$PIDFILE"
    log "not running"
    return
  fi
  local pid
  pid="$(cat "$PIDFILE")"
  kill "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid ignored SIGTERM for 30 s; sending SIGKILL"
    kill -9 "$pid"
  fi
  rm -f "$PIDFILE"
  log "stopped (pid $pid)"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  reset) stop; rm -rf "$RUN/data" && log "data removed" ;;
  status) if is_running; then echo "running pid $(cat "$PIDFILE") $URL"; else echo "stopped"; exit 3; fi ;;
  *) echo "usage: $0 fetch|start|stop|reset|status" >&2; exit 2 ;;
esac
