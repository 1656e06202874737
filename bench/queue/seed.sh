#!/usr/bin/env bash
# Seeds the queue benchmark's workspace (default: globex, whose admin bob can query it) into the running
# system's conversations database: 1,000,000 conversations and 10,000,000 messages by default.
#   bench/queue/seed.sh [conversations] [messages per conversation]
set -euo pipefail
cd "$(dirname "$0")"
: "${TUTTI_DB_HOST:=127.0.0.1}" "${TUTTI_DB_PORT:=5432}" "${TUTTI_DB_USER:=tutti}"
: "${TUTTI_BENCH_WORKSPACE:=globex}"
PGPASSWORD="${TUTTI_DB_PASSWORD:-tutti}" psql -h "$TUTTI_DB_HOST" -p "$TUTTI_DB_PORT" -U "$TUTTI_DB_USER" \
  -d tutti_conversations -v workspace="$TUTTI_BENCH_WORKSPACE" -v conversations="${1:-1000000}" \
  -v messages="${2:-10}" -f seed.sql
