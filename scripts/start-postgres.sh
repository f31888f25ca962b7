#!/usr/bin/env bash
# Install (when missing) and start Debian's PostgreSQL 15 with PostGIS, and make sure the
# `vedette` role exists for the tests. Idempotent: safe to run before every test run.
#   role vedette / password vedette, may create databases; Debian's default: listening on localhost:5432.
set -euo pipefail

VERSION=15
SUDO=
[ "$(id -u)" -ne 0 ] && SUDO=sudo
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

packages=()
dpkg -s "postgresql-$VERSION" >/dev/null 2>&1 || packages+=("postgresql-$VERSION")
dpkg -s "postgresql-$VERSION-postgis-3" >/dev/null 2>&1 || packages+=("postgresql-$VERSION-postgis-3")
if [ ${#packages[@]} -gt 0 ]; then
  echo "installing Debian packages: ${packages[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

if ! $SUDO pg_lsclusters -h | grep -q "^$VERSION main"; then
  $SUDO pg_createcluster "$VERSION" main >/dev/null
fi
if ! $SUDO pg_lsclusters -h | grep -q "^$VERSION main .* online"; then
  $SUDO pg_ctlcluster "$VERSION" main start
fi
for _ in $(seq 1 30); do
  as_postgres pg_isready -q -h 127.0.0.1 && break
  sleep 0.5
done

as_postgres psql -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vedette') THEN
    CREATE ROLE vedette LOGIN PASSWORD 'vedette' CREATEDB;
  END IF;
END $$;
SQL
# PostGIS must be created by a superuser: put it in template1 so every new database has it.
as_postgres psql -q -d template1 -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
echo "postgresql://vedette:vedette@127.0.0.1:5432/postgres"
