#!/usr/bin/env bash
# A warehouse file -> two gunicorn instances (production settings, each on its own read-only copy of the file)
# sharing one Redis cache, behind nginx on loopback: http://127.0.0.1:8080 (instances :8081 :8082, Redis :8089).
#
#   deploy/two_instances.sh start [WAREHOUSE]   # default: POLICE_DB, else data/warehouse.duckdb
#   deploy/two_instances.sh stop
#   deploy/two_instances.sh status
#
# Needs the Debian packages nginx and redis-server (apt-get install -y nginx redis-server) and the project's
# .venv. Everything it writes (copies, pids, logs, nginx cache) is under RUN_DIR (default
# /tmp/women-police-deploy), which nginx's worker user must be able to reach; it stops only the processes it
# started (their pid files).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN_DIR="${RUN_DIR:-/tmp/women-police-deploy}"
NGINX_PORT=8080
INSTANCES=("a:8081" "b:8082")
REDIS_PORT=8089
VENV="${VENV:-$ROOT/.venv}"

log() { echo "two_instances: $*" >&2; }

wait_for() {  # URL, seconds
    local url=$1 deadline=$((SECONDS + $2))
    until curl -fsS -o /dev/null "$url"; do
        if ((SECONDS > deadline)); then log "no answer from $url"; return 1; fi
        sleep 0.3
    done
}

start_redis() {
    redis-server "$ROOT/deploy/redis.conf" --port "$REDIS_PORT" --dir "$RUN_DIR" --daemonize yes \
        --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/logs/redis.log"
    for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
    log "redis did not start (see $RUN_DIR/logs/redis.log)"; return 1
}

start_instance() {  # name, port, warehouse
    local name=$1 port=$2 source=$3 copy="$RUN_DIR/$1/warehouse.duckdb"
    mkdir -p "$RUN_DIR/$name"
    rm -f "$copy"
    cp "$source" "$copy"
    chmod 0444 "$copy"  # each instance reads its own copy; the ETL writes a new file and renames it over
    # The Procfile's command and dashboard/gunicorn_conf.py, bound to loopback, daemonised with files for logs.
    (cd "$ROOT" && POLICE_DB="$copy" REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" \
        "$VENV/bin/gunicorn" --bind "127.0.0.1:$port" --config dashboard/gunicorn_conf.py \
        --daemon --pid "$RUN_DIR/$name.pid" --control-socket "$RUN_DIR/$name.ctl" \
        --access-logfile "$RUN_DIR/logs/$name-access.log" --error-logfile "$RUN_DIR/logs/$name-error.log" \
        dashboard.app:server)
}

start() {
    local warehouse=${1:-${POLICE_DB:-$ROOT/data/warehouse.duckdb}}
    [[ -f "$warehouse" ]] || { log "no warehouse at $warehouse (python -m etl build)"; exit 1; }
    command -v nginx >/dev/null && command -v redis-server >/dev/null || {
        log "needs nginx and redis-server: apt-get install -y nginx redis-server"; exit 1; }
    [[ -f "$RUN_DIR/nginx.pid" ]] && { log "already running (stop first)"; exit 1; }
    mkdir -p "$RUN_DIR"/{logs,temp,cache}
    start_redis
    for inst in "${INSTANCES[@]}"; do start_instance "${inst%%:*}" "${inst##*:}" "$warehouse"; done
    for inst in "${INSTANCES[@]}"; do wait_for "http://127.0.0.1:${inst##*:}/healthz" 60; done
    nginx -p "$RUN_DIR" -c "$ROOT/deploy/nginx.conf" -e logs/nginx-error.log
    wait_for "http://127.0.0.1:$NGINX_PORT/healthz" 10
    log "up: http://127.0.0.1:$NGINX_PORT (logs in $RUN_DIR/logs)"
}

stop_pidfile() {  # pid file: TERM the process it names, wait for it to go
    local file=$1 pid
    [[ -f "$file" ]] || return 0
    pid=$(cat "$file")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$file"
}

stop() {
    if [[ -f "$RUN_DIR/nginx.pid" ]]; then
        nginx -p "$RUN_DIR" -c "$ROOT/deploy/nginx.conf" -e logs/nginx-error.log -s quit || true
        for _ in $(seq 50); do [[ -f "$RUN_DIR/nginx.pid" ]] || break; sleep 0.1; done
        rm -f "$RUN_DIR/nginx.pid"
    fi
    for inst in "${INSTANCES[@]}"; do stop_pidfile "$RUN_DIR/${inst%%:*}.pid"; done
    stop_pidfile "$RUN_DIR/redis.pid"
    log "stopped"
}

status() {
    for url in "http://127.0.0.1:$NGINX_PORT/healthz" "http://127.0.0.1:8081/healthz" "http://127.0.0.1:8082/healthz"; do
        printf '%s  %s\n' "$url" "$(curl -fsS "$url" 2>/dev/null || echo down)"
    done
    printf 'redis :%s  %s\n' "$REDIS_PORT" "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null || echo down)"
}

case "${1:-}" in
    start) start "${2:-}" ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start [WAREHOUSE] | stop | status" >&2; exit 2 ;;
esac
