#!/usr/bin/env bash
# Times the queue as an admin of the seeded workspace sees it, through the gateway (token checks, proxy,
# conversations, PostgreSQL): each request kind N times after a warm-up, and prints p50 / p95 / p99 / max in ms.
#   bench/queue/measure.sh [requests per kind]
#   TUTTI_BENCH_URL=http://127.0.0.1:8082 bench/queue/measure.sh   (conversations alone, no gateway)
set -euo pipefail
: "${TUTTI_GATEWAY_URL:=http://127.0.0.1:8080}" "${TUTTI_OIDC_URL:=http://127.0.0.1:8180/realms/tutti}"
: "${TUTTI_BENCH_USER:=bob}" "${TUTTI_BENCH_WORKSPACE:=globex}"
# The gateway by default; TUTTI_CONVERSATIONS_URL measures conversations alone (it checks the token itself).
: "${TUTTI_BENCH_URL:=$TUTTI_GATEWAY_URL}"
runs="${1:-300}"

token() {
  curl -fsS -d grant_type=password -d client_id=tutti-cli -d "username=$TUTTI_BENCH_USER" -d password=demo \
    "$TUTTI_OIDC_URL/protocol/openid-connect/token" | jq -r .access_token
}

# percentiles FILE: p50 p95 p99 max of the seconds in FILE, in milliseconds.
percentiles() {
  sort -n "$1" | awk '{ v[NR] = $1 * 1000 } END {
    printf "p50 %6.1f  p95 %6.1f  p99 %6.1f  max %6.1f ms (n=%d)\n",
      v[int(NR * 0.50) + 1], v[int(NR * 0.95) + 1], v[int(NR * 0.99) + 1], v[NR], NR }'
}

# An agent of the workspace, so the agent's queue (assigned to them, their team, nobody's) is timed too: made
# once in Keycloak through its admin API, put in the seed's first team and given every 50th conversation.
ensure_agent() {
  local admin users id role
  admin="$(curl -fsS -d grant_type=password -d client_id=admin-cli -d username=admin \
    -d "password=${TUTTI_KEYCLOAK_ADMIN_PASSWORD:-admin}" \
    "${TUTTI_OIDC_URL%/realms/*}/realms/master/protocol/openid-connect/token" | jq -r .access_token)"
  users="${TUTTI_OIDC_URL%/realms/*}/admin/realms/${TUTTI_OIDC_URL##*/realms/}/users"
  id="$(curl -fsS -H "Authorization: Bearer $admin" "$users?username=bench-agent&exact=true" | jq -r '.[0].id // empty')"
  if [ -z "$id" ]; then
    curl -fsS -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' "$users" \
      -d "{\"username\":\"bench-agent\",\"enabled\":true,\"firstName\":\"Bench\",\"lastName\":\"Agent\",\"email\":\"bench-agent@globex.example\",\"emailVerified\":true,\"attributes\":{\"workspace\":[\"$TUTTI_BENCH_WORKSPACE\"]},\"credentials\":[{\"type\":\"password\",\"value\":\"demo\",\"temporary\":false}]}"
    id="$(curl -fsS -H "Authorization: Bearer $admin" "$users?username=bench-agent&exact=true" | jq -r '.[0].id')"
    role="$(curl -fsS -H "Authorization: Bearer $admin" "${users%/users}/roles/agent")"
    curl -fsS -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      "$users/$id/role-mappings/realm" -d "[$role]"
  fi
  PGPASSWORD="${TUTTI_DB_PASSWORD:-tutti}" psql -q -h "${TUTTI_DB_HOST:-127.0.0.1}" -U "${TUTTI_DB_USER:-tutti}" \
    -d tutti_conversations -v agent="$id" -v workspace="$TUTTI_BENCH_WORKSPACE" <<'SQL'
insert into team_member (team_id, agent_id, workspace_id)
values ('00000000-0000-4000-8000-000000000001', :'agent', :'workspace') on conflict do nothing;
update conversation set assignee_id = :'agent'
where workspace_id = :'workspace' and assignee_id = 'bench-agent-50';
analyze conversation;
SQL
}

ensure_agent
access="$(token)"
first_page="$(curl -fsS -H "Authorization: Bearer $access" "$TUTTI_GATEWAY_URL/api/conversations?view=all&limit=25")"
cursor="$(jq -r .nextCursor <<<"$first_page")"
team="$(curl -fsS -H "Authorization: Bearer $access" "$TUTTI_GATEWAY_URL/api/teams" | jq -r '(if type == "array" then . else .items end)[0].id')"

kinds=(
  "conversations?view=all&limit=25"
  "conversations?view=all&status=open&limit=25"
  "conversations?view=all&status=open&sort=waiting&limit=25"
  "conversations?view=team:$team&status=open&limit=25"
  "conversations?view=all&assignee=bench-agent-7&status=open&limit=25"
  "conversations?view=all&channel=whatsapp&label=vip&limit=25"
  "conversations?view=all&q=refund&limit=25"
  "conversations?view=all&q=refund%20invoice&limit=25"
  "conversations?view=all&q=refund%20lisbon&limit=25"
  "conversations?view=all&q=customer%20123456&limit=25"
  "conversations?view=all&limit=25&cursor=$cursor"
  "conversations/counts"
  "conversations/counts?status=open"
)
samples="$(mktemp)"
trap 'rm -f "$samples"' EXIT
time_kinds() {
  echo "Queue latency at $TUTTI_BENCH_URL as $TUTTI_BENCH_USER, $runs requests per kind"
# One curl for all the requests of a kind: one kept-alive connection, as a browser holds, and no process
# start in the figures. The first 30 warm the JIT and the caches and are not counted.
for kind in "${kinds[@]}"; do
  access="$(token)"
  urls=()
  for _ in $(seq 1 $((runs + 30))); do urls+=(-o /dev/null "$TUTTI_BENCH_URL/api/$kind"); done
  curl -fsS -H "Authorization: Bearer $access" -w '%{time_total}\n' "${urls[@]}" |
    tail -n +31 >"$samples"
  printf '  %-60s %s\n' "${kind:0:60}" "$(percentiles "$samples")"
done
}

time_kinds
# The agent sees their own, their team's and nobody's: the queue's union of slices.
TUTTI_BENCH_USER=bench-agent
kinds=(
  "conversations?view=all&limit=25"
  "conversations?view=all&status=open&limit=25"
  "conversations?view=mine&status=open&limit=25"
  "conversations?view=unassigned&status=open&limit=25"
  "conversations?view=all&status=open&sort=waiting&limit=25"
  "conversations?view=all&q=refund&limit=25"
  "conversations?view=all&q=customer%20123456&limit=25"
  "conversations/counts?status=open"
)
time_kinds
