#!/usr/bin/env bash
# The whole suite: lint, types, then the tests on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
PG_URL="${HEARTH_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/hearth}"

echo "== ruff"; $VENV/bin/ruff check hearth tests bench
echo "== mypy"; $VENV/bin/mypy hearth

echo "== pytest on SQLite"
env -u DATABASE_URL $VENV/bin/pytest -n 2 --dist loadgroup -q "$@"

if $VENV/bin/python scripts/pg_ready.py "$PG_URL"; then
  echo "== pytest on PostgreSQL"
  DATABASE_URL="$PG_URL" $VENV/bin/pytest -n 2 --dist loadgroup -q "$@"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL at $PG_URL is not reachable; CI needs it" >&2; exit 1
else
  echo "== PostgreSQL at $PG_URL not reachable: skipped the PostgreSQL pass" >&2
fi
