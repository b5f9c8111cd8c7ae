#!/usr/bin/env bash
# Install (Debian package), initialise and start a throwaway PostgreSQL for the corpus tests, then
# print the URL to export as SITREP_TEST_PG. Idempotent: a second run finds the server running and
# only prints the URL again.
#
#   export SITREP_TEST_PG="$(scripts/ci-postgres.sh)"
#
# Settings (environment): SITREP_PG_DIR (data folder, default /tmp/sitrep-pg), SITREP_PG_PORT
# (default 54329), SITREP_PG_DB (default sitrep_test).
set -euo pipefail

PGDIR="${SITREP_PG_DIR:-/tmp/sitrep-pg}"
PORT="${SITREP_PG_PORT:-54329}"
DB="${SITREP_PG_DB:-sitrep_test}"
log() { echo "ci-postgres: $*" >&2; }

# 1. The server binaries: Debian's postgresql package (PostgreSQL 15 on Debian 12).
find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}
if ! BIN="$(find_bin)"; then
  log "installing the postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)" || { log "postgresql installed but initdb not found"; exit 1; }
fi

# The server refuses to run as root: run it as the postgres user (created by the package) then.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  AS=(runuser -u postgres --)
else
  AS=()
fi

# 2. A cluster of our own in PGDIR (trust auth on localhost only: a test server, never a real one).
if [ ! -s "$PGDIR/PG_VERSION" ]; then
  log "initialising a cluster in $PGDIR"
  mkdir -p "$PGDIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$PGDIR"
  chmod 700 "$PGDIR"
  "${AS[@]}" "$BIN/initdb" -D "$PGDIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

# 3. Start it on localhost:PORT (socket in PGDIR, so no system folders are needed).
if ! "${AS[@]}" "$BIN/pg_ctl" -D "$PGDIR" status >/dev/null 2>&1; then
  log "starting PostgreSQL on port $PORT"
  "${AS[@]}" "$BIN/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w -t 60 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
fi
for _ in $(seq 1 60); do
  "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q && break
  sleep 0.5
done
"$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q || { log "server did not come up; see $PGDIR/server.log"; exit 1; }

# 4. The test database.
if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
fi

echo "postgres://postgres@127.0.0.1:$PORT/$DB"
