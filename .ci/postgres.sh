#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the tests: its own data folder and port.
#   source .ci/postgres.sh && pg_start   -> exports HEROTUI_TEST_PG
#   pg_stop                              -> stops it and removes the folder
# Installs the server from the distribution's packages when it is missing (needs root + apt).

PG_PORT="${HEROTUI_PG_PORT:-54329}"
PG_DIR="${HEROTUI_PG_DIR:-/tmp/herotui-pg-$PG_PORT}"

pg_bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$found" ] && command -v pg_config >/dev/null 2>&1; then
        found=$(pg_config --bindir)
    fi
    printf '%s' "$found"
}

pg_install() {
    if [ -n "$(pg_bindir)" ] && [ -x "$(pg_bindir)/initdb" ]; then
        return 0
    fi
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        echo "[postgres] installing the server from the distribution's packages"
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    [ -n "$(pg_bindir)" ] && [ -x "$(pg_bindir)/initdb" ]
}

pg_as_owner() {
    # initdb and postgres refuse to run as root: run them as the 'postgres' system user then.
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A throwaway cluster need not survive a crash: no WAL beyond what recovery of a running server
# needs (wal_level=minimal also lets CREATE DATABASE skip logging the copied pages), no full-page
# images, no waiting for commits to reach the disk. The tests create and drop a database each.
PG_FAST="-c wal_level=minimal -c max_wal_senders=0 -c full_page_writes=off -c synchronous_commit=off"

pg_start() {
    if ! pg_install; then
        echo "[postgres] not available: PostgreSQL tests will be skipped" >&2
        return 1
    fi
    local bin
    bin=$(pg_bindir)
    pg_stop >/dev/null 2>&1 || true
    mkdir -p "$PG_DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
    pg_as_owner "$bin/initdb" -D "$PG_DIR/data" -U herotui --auth=trust -E UTF8 --no-locale >/dev/null
    pg_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 $PG_FAST" start >/dev/null
    export HEROTUI_TEST_PG="postgresql://herotui@127.0.0.1:$PG_PORT/postgres"
    echo "[postgres] started on 127.0.0.1:$PG_PORT"
}

pg_stop() {
    local bin
    bin=$(pg_bindir)
    if [ -n "$bin" ] && [ -d "$PG_DIR/data" ]; then
        pg_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
}
