#!/usr/bin/env bash
# Extract translatable strings into the catalogues (needs GNU gettext's xgettext).
set -euo pipefail
cd "$(dirname "$0")/.."
for domain in django djangojs; do
  .venv/bin/hearth makemessages --domain "$domain" -l zh_Hans -l en \
    --ignore ".venv/*" --ignore "node_modules/*" --ignore "var/*" --ignore "tests/*" \
    --ignore "bench/*" --ignore "staticfiles/*" --no-obsolete
done
