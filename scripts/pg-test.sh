#!/usr/bin/env bash
# A throwaway PostgreSQL for tests: listens on 127.0.0.1 only, fsync off, data in a temp directory.
#
#   scripts/pg-test.sh start    start it (or reuse the running one) and print the WEFT_TEST_PG_* variables
#   scripts/pg-test.sh stop     stop it and delete its data
#   scripts/pg-test.sh status   exit 0 while it runs
#
# Use:  eval "$(scripts/pg-test.sh start)"   # exports WEFT_TEST_PG_URL, WEFT_TEST_PG_USER, WEFT_TEST_PG_PASSWORD
# Needs the PostgreSQL server binaries (Debian: apt-get install postgresql). As root the server runs as the
# postgres user. The state file (data directory and port) is target/pg-test.state unless WEFT_PG_STATE says otherwise.
set -euo pipefail

cd "$(dirname "$0")/.."
STATE="${WEFT_PG_STATE:-target/pg-test.state}"
PG_USER=weft
PG_PASSWORD=weft

pg_bin() {
    local initdb
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 || true)
    if [[ -z "$initdb" ]]; then
        initdb=$(command -v initdb || true)
    fi
    if [[ -z "$initdb" ]]; then
        echo "pg-test: PostgreSQL server binaries not found (install the postgresql package)" >&2
        exit 2
    fi
    dirname "$initdb"
}

as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

print_env() {
    local port=$1
    echo "export WEFT_TEST_PG_URL=jdbc:postgresql://127.0.0.1:${port}/postgres"
    echo "export WEFT_TEST_PG_USER=${PG_USER}"
    echo "export WEFT_TEST_PG_PASSWORD=${PG_PASSWORD}"
}

running() {
    [[ -f "$STATE" ]] || return 1
    local data port
    read -r data port < "$STATE"
    [[ -d "$data" ]] && as_pg "$(pg_bin)/pg_ctl" -D "$data" status >/dev/null 2>&1
}

start() {
    if running; then
        local data port
        read -r data port < "$STATE"
        print_env "$port"
        return
    fi
    local bin port data
    bin=$(pg_bin)
    port=${WEFT_PG_PORT:-55432}
    while ! port_free "$port"; do
        port=$((port + 1))
        if (( port > 55532 )); then
            echo "pg-test: no free port between 55432 and 55532" >&2
            exit 1
        fi
    done
    data=$(mktemp -d /tmp/weft-pgtest.XXXXXX)
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$data"
    fi
    as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$data.initdb.log" 2>&1 \
        || { cat "$data.initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null
    "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
        -c "CREATE USER ${PG_USER} PASSWORD '${PG_PASSWORD}' CREATEDB" >/dev/null
    mkdir -p "$(dirname "$STATE")"
    echo "$data $port" > "$STATE"
    rm -f "$data.initdb.log"
    print_env "$port"
}

stop() {
    [[ -f "$STATE" ]] || return 0
    local data port
    read -r data port < "$STATE"
    if [[ -d "$data" ]]; then
        as_pg "$(pg_bin)/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$data"
    fi
    rm -f "$STATE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) running ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
