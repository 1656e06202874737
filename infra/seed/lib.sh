# shellcheck shell=bash
# Helpers for the demo seed scripts (source it: `. "$(dirname "$0")/lib.sh"`).
#
# ./tutti up runs every infra/seed/NN-*.sh once, in order, after the whole system is ready, with the
# TUTTI_* settings in the environment; it runs a script again when the script changes, and
# `./tutti seed` runs them all again. So each script must be safe to run twice: look before you create.

set -euo pipefail

: "${TUTTI_GATEWAY_URL:=http://127.0.0.1:8080}"
: "${TUTTI_OIDC_URL:=http://127.0.0.1:8180/realms/tutti}"
TUTTI_SEED_DIR="${TUTTI_SEED_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"

seed_say() { printf '    %s\n' "$*"; }
seed_fail() {
  printf 'SEED ERROR: %s\n' "$*" >&2
  exit 1
}

# tutti_token USER [PASSWORD]: an access token for a demo user (password grant, public client tutti-cli).
tutti_token() {
  local user="$1" password="${2:-demo}" response status
  response="$(curl -sS --max-time 10 -w '\n%{http_code}' \
    --data-urlencode grant_type=password --data-urlencode client_id=tutti-cli \
    --data-urlencode "username=$user" --data-urlencode "password=$password" \
    "$TUTTI_OIDC_URL/protocol/openid-connect/token")" || seed_fail "Keycloak at $TUTTI_OIDC_URL does not answer"
  status="${response##*$'\n'}"
  [ "$status" = 200 ] || seed_fail "$user cannot sign in (HTTP $status): ${response%$'\n'*}"
  jq -r .access_token <<<"${response%$'\n'*}"
}

# jwt_claims TOKEN: the token's payload as JSON (not verified: Keycloak just issued it to us).
jwt_claims() {
  local payload
  payload="$(cut -d. -f2 <<<"$1" | tr '_-' '/+')"
  while [ $((${#payload} % 4)) -ne 0 ]; do payload="$payload="; done
  base64 -d <<<"$payload"
}

# tutti_api TOKEN METHOD PATH [JSON]: calls the gateway as the token's user; prints the response body,
# fails on an HTTP error. E.g. tutti_api "$token" POST /api/inboxes '{"name":"Website"}'
tutti_api() {
  local token="$1" method="$2" path="$3" body="${4:-}" response status
  local args=(-sS --max-time 30 -w '\n%{http_code}' -X "$method" -H "Authorization: Bearer $token"
    -H 'Accept: application/json')
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data "$body")
  response="$(curl "${args[@]}" "$TUTTI_GATEWAY_URL$path")" || seed_fail "$method $path: the gateway does not answer"
  status="${response##*$'\n'}"
  [ "${status:0:1}" = 2 ] || seed_fail "$method $path answered HTTP $status: ${response%$'\n'*}"
  printf '%s\n' "${response%$'\n'*}"
}

# demo_users: the rows of demo-users.tsv (username password role workspace name email), tab-separated.
demo_users() { grep -v '^#' "$TUTTI_SEED_DIR/demo-users.tsv"; }
