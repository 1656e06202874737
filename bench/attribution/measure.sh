#!/usr/bin/env bash
# Times the attribution report as an admin of the seeded workspace asks for it, through the gateway (token
# checks, proxy, attribution, PostgreSQL): 90-day reports under every model, grouped by channel and by campaign,
# the 90 days sliding over the seeded 120 so no two consecutive calls ask the same. Prints p50 / p95 / p99 / max
# in ms, overall and per grouping, after checking one report's totals against the raw tables.
#   bench/attribution/measure.sh [requests]
#   TUTTI_BENCH_ATTRIBUTION_URL=http://127.0.0.1:8084 bench/attribution/measure.sh   (attribution alone)
set -euo pipefail
: "${TUTTI_GATEWAY_URL:=http://127.0.0.1:8080}" "${TUTTI_OIDC_URL:=http://127.0.0.1:8180/realms/tutti}"
: "${TUTTI_BENCH_USER:=bob}" "${TUTTI_BENCH_WORKSPACE:=globex}"
: "${TUTTI_DB_HOST:=127.0.0.1}" "${TUTTI_DB_PORT:=5432}" "${TUTTI_DB_USER:=tutti}"
# The gateway by default; the service's own URL measures attribution alone (it checks the token itself).
: "${TUTTI_BENCH_ATTRIBUTION_URL:=$TUTTI_GATEWAY_URL}"
runs="${1:-500}"
warmup=30
# Requests per connection (and per token: Keycloak's tokens live five minutes).
chunk=100

token() {
  curl -fsS -d grant_type=password -d client_id=tutti-cli -d "username=$TUTTI_BENCH_USER" -d password=demo \
    "$TUTTI_OIDC_URL/protocol/openid-connect/token" | jq -r .access_token
}

sql() {
  PGPASSWORD="${TUTTI_DB_PASSWORD:-tutti}" psql -X -At -h "$TUTTI_DB_HOST" -p "$TUTTI_DB_PORT" -U "$TUTTI_DB_USER" \
    -d tutti_attribution -v workspace="$TUTTI_BENCH_WORKSPACE" "$@"
}

# percentiles: p50 p95 p99 max of the seconds on stdin, in milliseconds.
percentiles() {
  sort -n | awk '{ v[NR] = $1 * 1000 } END {
    if (NR == 0) { print "no samples"; exit }
    printf "p50 %6.1f  p95 %6.1f  p99 %6.1f  max %6.1f ms (n=%d)\n",
      v[int(NR * 0.50) + 1], v[int(NR * 0.95) + 1], v[int(NR * 0.99) + 1], v[NR], NR }'
}

# The seeded days in the workspace's time zone (as the report dates them): 31 windows of 90 days fit in 120.
read -r tz last_day < <(sql -F ' ' <<'SQL'
select coalesce((select time_zone from workspace_settings where workspace_id = :'workspace'), 'UTC'),
  coalesce(max(day), current_date) from session_rollup where workspace_id = :'workspace';
SQL
)
sessions="$(sql -c "select count(*) from session_rollup where workspace_id = '$TUTTI_BENCH_WORKSPACE'")"
if [ "$sessions" = 0 ]; then
  echo "workspace $TUTTI_BENCH_WORKSPACE has no roll-ups: run bench/attribution/seed.sh first" >&2
  exit 1
fi
models=(first_touch last_touch linear u_shaped time_decay)
groupings=(channel campaign)
window() { # window N: "from to" of the Nth 90-day window, 0 = the latest
  echo "$(date -u -d "$last_day - $(($1 + 89)) days" +%F) $(date -u -d "$last_day - $1 days" +%F)"
}

access="$(token)"

# One report checked against the raw tables: sessions, contacts, qualified leads, sales and revenue of the
# latest 90 days, whatever the model, are the touches and conversions of those days.
read -r from to < <(window 0)
report="$(curl -fsS -H "Authorization: Bearer $access" \
  "$TUTTI_BENCH_ATTRIBUTION_URL/api/attribution/report?from=$from&to=$to&model=linear&groupBy=channel")"
got="$(jq -r '.totals | "\(.sessions) \(.contacts) \(.qualified) \(.sales) \(.revenue)"' <<<"$report")"
want="$(sql -F ' ' -v from="$from" -v to="$to" -v tz="$tz" <<'SQL'
select (select count(*) from touch where workspace_id = :'workspace' and kind = 'session'
          and (occurred_at at time zone :'tz')::date between :'from' and :'to'),
  count(*) filter (where kind = 'contact'), count(*) filter (where kind = 'qualified'),
  count(*) filter (where kind = 'sale'), coalesce(sum(amount) filter (where kind = 'sale'), 0)
from conversion where workspace_id = :'workspace' and counted
  and (occurred_at at time zone :'tz')::date between :'from' and :'to';
SQL
)"
same="$(awk -v a="$got" -v b="$want" 'BEGIN { n = split(a, x, " "); split(b, y, " ");
  for (i = 1; i <= n; i++) if (x[i] + 0 != y[i] + 0) { print "no"; exit } print "yes" }')"
echo "Report $from..$to (linear, by channel): $(jq '.rows | length' <<<"$report") rows," \
  "totals sessions/contacts/qualified/sales/revenue $got"
if [ "$same" != yes ]; then
  echo "  the raw tables say $want: the roll-ups do not match the touches and conversions" >&2
  exit 1
fi
echo "  equal to the raw touches and conversions of those days"

# Request i: model i mod 5, grouping (i / 5) mod 2, window 7i mod 31: consecutive requests always differ, and
# every (model, grouping, window) comes once in 310.
urls=()
kinds=()
for i in $(seq 0 $((runs + warmup - 1))); do
  read -r from to < <(window $((i * 7 % 31)))
  model="${models[$((i % 5))]}" group="${groupings[$((i / 5 % 2))]}"
  urls+=("$TUTTI_BENCH_ATTRIBUTION_URL/api/attribution/report?from=$from&to=$to&model=$model&groupBy=$group")
  kinds+=("$model $group")
done

samples="$(mktemp)"
trap 'rm -f "$samples"' EXIT
# One curl per chunk: one kept-alive connection, as a browser holds, and no process start in the figures.
for ((start = 0; start < ${#urls[@]}; start += chunk)); do
  access="$(token)"
  args=()
  for url in "${urls[@]:start:chunk}"; do args+=(-o /dev/null "$url"); done
  curl -sS -H "Authorization: Bearer $access" -w '%{http_code} %{time_total}\n' "${args[@]}"
done | paste -d ' ' - <(printf '%s\n' "${kinds[@]}") | tail -n +$((warmup + 1)) >"$samples"

failed="$(awk '$1 != 200' "$samples" | wc -l)"
echo "90-day attribution reports at $TUTTI_BENCH_ATTRIBUTION_URL as $TUTTI_BENCH_USER ($TUTTI_BENCH_WORKSPACE)," \
  "$runs requests after $warmup to warm up"
printf '  %-22s %s\n' "all" "$(awk '$1 == 200 { print $2 }' "$samples" | percentiles)"
for group in "${groupings[@]}"; do
  printf '  %-22s %s\n' "groupBy=$group" "$(awk -v g="$group" '$1 == 200 && $4 == g { print $2 }' "$samples" | percentiles)"
done
for model in "${models[@]}"; do
  printf '  %-22s %s\n' "model=$model" "$(awk -v m="$model" '$1 == 200 && $3 == m { print $2 }' "$samples" | percentiles)"
done
if [ "$failed" -gt 0 ]; then
  echo "  $failed answers were not 200:" >&2
  awk '$1 != 200 { print "    " $0 }' "$samples" | sort | uniq -c | head >&2
  exit 1
fi
echo "  target (attribution issue): <= 100 ms at p95"
