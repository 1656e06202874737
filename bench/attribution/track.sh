#!/usr/bin/env bash
# Drives POST /track at a fixed rate for a while, through the gateway as the tracking script does, then checks
# that nothing accepted was lost: every accepted page view is counted in a session of its visitor, the inbox of
# accepted calls drained to empty and set none aside as failed. Prints accepted/s, latency p50 / p99, the
# answers that were not 202, the largest backlog, and how long processing took to catch up.
#   bench/attribution/track.sh [seconds] [page views per second]      (default 60 s at 2000/s)
#   TUTTI_BENCH_ATTRIBUTION_URL=http://127.0.0.1:8084 bench/attribution/track.sh   (attribution alone)
set -euo pipefail
cd "$(dirname "$0")"
: "${TUTTI_GATEWAY_URL:=http://127.0.0.1:8080}" "${TUTTI_OIDC_URL:=http://127.0.0.1:8180/realms/tutti}"
: "${TUTTI_BENCH_USER:=bob}" "${TUTTI_BENCH_WORKSPACE:=globex}"
: "${TUTTI_DB_HOST:=127.0.0.1}" "${TUTTI_DB_PORT:=5432}" "${TUTTI_DB_USER:=tutti}"
: "${TUTTI_BENCH_ATTRIBUTION_URL:=$TUTTI_GATEWAY_URL}"
# How long processing may take to catch up after the last call before the run counts as failed.
: "${TUTTI_BENCH_CATCH_UP_TIMEOUT:=1800}"
seconds="${1:-60}"
rate="${2:-2000}"
views="${TUTTI_BENCH_VIEWS_PER_VISITOR:-3}"
# Kept-alive connections the calls share; a call waits for a free one (its wait counts in its latency).
connections="${TUTTI_BENCH_CONNECTIONS:-512}"
site_key="bench-track-$TUTTI_BENCH_WORKSPACE"
run="$(date +%s)"

# The load generator is a single Java source file: any JDK 17 or newer runs it.
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! "$java" -version >/dev/null 2>&1; then
  java="$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -V | tail -1)"
fi
"${java:-java}" -version >/dev/null 2>&1 || { echo "no java found: set JAVA_HOME to a JDK 17 or newer" >&2; exit 1; }

sql() {
  PGPASSWORD="${TUTTI_DB_PASSWORD:-tutti}" psql -X -At -h "$TUTTI_DB_HOST" -p "$TUTTI_DB_PORT" -U "$TUTTI_DB_USER" \
    -d tutti_attribution -v workspace="$TUTTI_BENCH_WORKSPACE" "$@"
}
pending() {
  sql -c "select count(*) from track_inbox where workspace_id = '$TUTTI_BENCH_WORKSPACE' and failed_at is null"
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# The benchmark's website, registered by an admin of the workspace (again: the same key answers 200).
access="$(curl -fsS -d grant_type=password -d client_id=tutti-cli -d "username=$TUTTI_BENCH_USER" -d password=demo \
  "$TUTTI_OIDC_URL/protocol/openid-connect/token" | jq -r .access_token)"
curl -fsS -o /dev/null -H "Authorization: Bearer $access" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Benchmark shop\",\"siteKey\":\"$site_key\"}" "$TUTTI_BENCH_ATTRIBUTION_URL/api/attribution/sites"

before="$(pending)"
if [ "$before" != 0 ]; then
  echo "waiting for $before earlier tracking calls of $TUTTI_BENCH_WORKSPACE to be processed first"
  while [ "$(pending)" != 0 ]; do sleep 1; done
fi

out="$(mktemp -d)"
sampler=""
trap '[ -n "$sampler" ] && kill "$sampler" 2>/dev/null; rm -rf "$out"' EXIT
# The backlog of accepted calls not yet made into sessions, once a second.
(while :; do pending >>"$out/backlog"; sleep 1; done) &
sampler=$!

echo "POST $TUTTI_BENCH_ATTRIBUTION_URL/track?key=$site_key: $rate page views/s for $seconds s (run $run)"
started="$(now)"
"$java" TrackLoad.java "$TUTTI_BENCH_ATTRIBUTION_URL" "$site_key" "$seconds" "$rate" "$run" "$views" "$connections" |
  tee "$out/load"
sent_by="$(now)"
value() { sed -n "s/^$1=//p" "$out/load"; }
accepted="$(value accepted)"
visitors="$(value visitors_accepted)"

caught_up=""
while :; do
  left="$(pending)"
  if [ "$left" = 0 ]; then
    caught_up="$(since "$sent_by")"
    break
  fi
  if [ "$(awk -v s="$(since "$sent_by")" -v t="$TUTTI_BENCH_CATCH_UP_TIMEOUT" 'BEGIN { print (s > t) }')" = 1 ]; then
    break
  fi
  sleep 0.5
done
total="$(since "$started")"
kill "$sampler" 2>/dev/null || true
sampler=""

read -r sessions page_views < <(sql -F ' ' -v prefix="bench-track-$run-v-%" <<'SQL'
select count(*), coalesce(sum(page_views), 0) from touch
where workspace_id = :'workspace' and kind = 'session' and identity_channel = 'web' and identity_id like :'prefix';
SQL
)
failed="$(sql -c "select count(*) from track_inbox where workspace_id = '$TUTTI_BENCH_WORKSPACE' and failed_at is not null")"
outbox="$(sql -c "select count(*) from outbox_event where workspace_id = '$TUTTI_BENCH_WORKSPACE' and published_at is null")"
peak="$(sort -n "$out/backlog" | tail -1)"

echo
echo "after the load:"
if [ -n "$caught_up" ]; then
  echo "  processing caught up ${caught_up} s after the last call (backlog at most ${peak:-0});" \
    "$(awk -v n="$accepted" -v t="$total" 'BEGIN { printf "%.0f", n / t }') page views/s made into sessions" \
    "from the first call to the last processed"
else
  echo "  processing had not caught up ${TUTTI_BENCH_CATCH_UP_TIMEOUT} s after the last call: $left still waiting" \
    "(backlog at most ${peak:-0})"
fi
echo "  sessions of the run's visitors: $sessions for $visitors visitors; page views counted in them: $page_views" \
  "of $accepted accepted"
echo "  tracking calls set aside as failed: $failed; events (session.recorded) still to publish: $outbox"
if [ -n "$caught_up" ] && [ "$page_views" = "$accepted" ] && [ "$sessions" = "$visitors" ] && [ "$failed" = 0 ]; then
  echo "  no loss: every accepted page view is in its visitor's session"
else
  echo "  LOSS or backlog: accepted page views are missing from the sessions" >&2
  exit 1
fi
echo "  target (attribution issue): >= 2000 page views/s accepted without loss"
