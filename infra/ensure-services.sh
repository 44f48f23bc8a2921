#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432, trust auth, database `test`) and Redis
# (127.0.0.1:6379) are running: starts them when stopped, installs them from
# Debian's packages when missing; installs Debian's chromium for the browser
# test tier (npm run test:browser) when /usr/bin/chromium is missing. Safe to
# run repeatedly.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then echo "postgres: running"; return; fi
  command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432
  # Trust auth on loopback and a `test` database, as on the development machines.
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! psql -h 127.0.0.1 -U postgres -d postgres -c 'select 1' >/dev/null 2>&1; then
    as_root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  fi
  psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname='test'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -d postgres -c 'create database test'
  echo "postgres: started"
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then echo "redis: running"; return; fi
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && break; sleep 1; done
  redis-cli -h 127.0.0.1 -p 6379 ping
  echo "redis: started"
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then echo "chromium: installed"; return; fi
  apt_install chromium
  /usr/bin/chromium --version
}

# The fault tier (test/fault) starts its own PostgreSQL cluster and redis-server on spare ports, so it
# needs their binaries even when the shared servers above run elsewhere (another container, say).
ensure_fault_tier_binaries() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || apt_install postgresql
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  if [ "$(id -u)" = 0 ]; then id -u postgres >/dev/null 2>&1 || { echo "fault tier: no postgres user" >&2; exit 1; }; fi
  echo "fault tier: $(ls -d /usr/lib/postgresql/*/bin | tail -n 1), $(command -v redis-server)"
}

ensure_postgres
ensure_redis
ensure_chromium
ensure_fault_tier_binaries
