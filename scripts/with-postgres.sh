#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server and TASKOPT_TEST_PG_URL pointing at it:
#
#   scripts/with-postgres.sh mvn -B verify
#
# - Installs Debian's postgresql package when initdb/pg_ctl cannot be found (needs root).
# - PostgreSQL refuses to run as root: when run as root, the server runs as the `postgres` system
#   user (created when missing); otherwise as the calling user.
# - Temporary data directory (mktemp), unix socket in it, a free TCP port on 127.0.0.1, a database
#   and a user with a random password; the server is stopped and the directory deleted on exit.
# - Exit status: the command's.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

find_pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return 0
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

if ! PG_BIN="$(find_pg_bin)"; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "with-postgres: PostgreSQL (initdb, pg_ctl) is not installed; install the 'postgresql' package or run as root" >&2
    exit 1
  fi
  echo "with-postgres: installing PostgreSQL from the Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q postgresql >&2
  PG_BIN="$(find_pg_bin)" || { echo "with-postgres: initdb not found after installing postgresql" >&2; exit 1; }
fi

# who runs the server
if [ "$(id -u)" -eq 0 ]; then
  PG_USER=postgres
  if ! id -u "$PG_USER" >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash "$PG_USER"
  fi
  as_pg() { runuser -u "$PG_USER" -- "$@"; }
else
  PG_USER="$(id -un)"
  as_pg() { "$@"; }
fi

# a free port: ask the kernel for one (bind to port 0), then check it is still free
free_port() {
  python3 - <<'PY' 2>/dev/null || {
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
    local p
    for p in $(seq 55432 55632); do
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    return 1
  }
}

TMP="$(mktemp -d "${TMPDIR:-/tmp}/taskopt-pg.XXXXXX")"
chmod 755 "$TMP"
DATA="$TMP/data"
SOCK="$TMP/sock"
mkdir -p "$SOCK"
chown "$PG_USER" "$TMP" "$SOCK"
STARTED=0

cleanup() {
  local rc=$?
  if [ "$STARTED" -eq 1 ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

DB=taskopt_test
DB_USER=taskopt
DB_PASS="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
PWFILE="$TMP/pw"
printf '%s\n' "$DB_PASS" > "$PWFILE"
chown "$PG_USER" "$PWFILE"
chmod 600 "$PWFILE"

as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust --auth-host=scram-sha-256 \
  --encoding=UTF8 --locale=C.UTF-8 >"$TMP/initdb.log" 2>&1 \
  || { cat "$TMP/initdb.log" >&2; exit 1; }

for attempt in 1 2 3 4 5; do
  PORT="$(free_port)"
  if as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$TMP/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCK -c max_connections=200 -c fsync=on" start >/dev/null; then
    STARTED=1
    break
  fi
  tail -n 5 "$TMP/server.log" >&2 || true
done
[ "$STARTED" -eq 1 ] || { echo "with-postgres: the server did not start" >&2; exit 1; }

psql_admin() { as_pg "$PG_BIN/psql" -v ON_ERROR_STOP=1 -q -h "$SOCK" -p "$PORT" -U postgres "$@"; }
psql_admin -d postgres -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASS' CREATEDB CREATEROLE" >/dev/null
psql_admin -d postgres -c "CREATE DATABASE $DB OWNER $DB_USER" >/dev/null
rm -f "$PWFILE"

export TASKOPT_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$PORT/$DB?user=$DB_USER&password=$DB_PASS"
# for tests that need a second role or database (privilege errors): the superuser over the socket
export TASKOPT_TEST_PG_ADMIN="$PG_BIN/psql -h $SOCK -p $PORT -U postgres"
export TASKOPT_TEST_PG_RUN_AS="$PG_USER"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$PORT, database $DB, user $DB_USER (password hidden)" >&2

set +e
"$@"
rc=$?
set -e
exit "$rc"
