#!/usr/bin/env bash
# Makes sure the local PostgreSQL the tests and the demo use is up (127.0.0.1:5432, trust auth,
# databases test and postgres). Starts the installed cluster when it is down; says what is missing
# otherwise. Override with PGHOST / PGPORT / PGUSER.
set -euo pipefail
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
user=${PGUSER:-postgres}

ready() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1; then
  echo "scripts/pg-up.sh: PostgreSQL client tools are not installed; install them with: apt-get install postgresql" >&2
  exit 1
fi
if ! ready; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; then
    version=$(ls /etc/postgresql | sort -V | tail -1)
    echo "scripts/pg-up.sh: starting PostgreSQL $version (pg_ctlcluster $version main start)" >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
    for _ in $(seq 1 30); do ready && break; sleep 1; done
  else
    echo "scripts/pg-up.sh: no PostgreSQL server at $host:$port and none installed; install one with: apt-get install postgresql" >&2
    exit 1
  fi
fi
if ! ready; then
  echo "scripts/pg-up.sh: PostgreSQL at $host:$port did not come up; see /var/log/postgresql/" >&2
  exit 1
fi
# The tests use database 'test'; create it when a fresh cluster lacks it.
if ! psql -h "$host" -p "$port" -U "$user" -d postgres -Atqc "select 1 from pg_database where datname = 'test'" | grep -q 1; then
  psql -h "$host" -p "$port" -U "$user" -d postgres -qc "create database test"
fi
