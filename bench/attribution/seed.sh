#!/usr/bin/env bash
# Seeds the attribution benchmark's workspace (default: globex, whose admin bob can read its reports) into the
# running system's attribution database: 10,000,000 touches and 1,000,000 conversions by default, the credit of
# every conversion under the five models, and the daily roll-ups the reports read. Replaces the workspace's
# earlier touches, conversions, credit and roll-ups; `seed.sh 0` only removes them.
#   bench/attribution/seed.sh [touches] [conversions]      (conversions default to a tenth of the touches)
set -euo pipefail
cd "$(dirname "$0")"
: "${TUTTI_DB_HOST:=127.0.0.1}" "${TUTTI_DB_PORT:=5432}" "${TUTTI_DB_USER:=tutti}"
: "${TUTTI_BENCH_WORKSPACE:=globex}" "${TUTTI_BENCH_DB:=tutti_attribution}"
touches="${1:-10000000}"
conversions="${2:-$((touches / 10))}"
started="$(date +%s)"
PGPASSWORD="${TUTTI_DB_PASSWORD:-tutti}" psql -X -q -h "$TUTTI_DB_HOST" -p "$TUTTI_DB_PORT" -U "$TUTTI_DB_USER" \
  -d "$TUTTI_BENCH_DB" -v workspace="$TUTTI_BENCH_WORKSPACE" -v touches="$touches" -v conversions="$conversions" \
  -v default_tz="${TUTTI_ATTRIBUTION_TIME_ZONE:-UTC}" -v default_currency="${TUTTI_ATTRIBUTION_CURRENCY:-USD}" \
  -v default_half_life_days="${TUTTI_ATTRIBUTION_HALF_LIFE_DAYS:-7}" -f seed.sql
echo "seed.sh $touches $conversions: $(($(date +%s) - started)) s"
