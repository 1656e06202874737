#!/usr/bin/env bash
# The demo workspace's teams: Support (alice) answers the service queue, its conversations going to the least loaded
# agent; Sales (sam) the leads, taken in turns (round robin). Then alice
# answers Mariana on WhatsApp and leaves a note, so the demo shows a reply with its delivery status: her
# message is from long ago, so Tutti refuses the free-form reply before calling WhatsApp and says why
# (WhatsApp's 24-hour window; a template would go out). Runs again without adding anything.
# shellcheck source=infra/seed/lib.sh
. "$(dirname "$0")/lib.sh"

token="$(tutti_token ada)"
subject_of() { jwt_claims "$(tutti_token "$1")" | jq -r .sub; }
alice="$(subject_of alice)"
sam="$(subject_of sam)"
existing="$(tutti_api "$token" GET /api/teams)"

# ensure_team NAME DESCRIPTION MEMBER_ID STRATEGY: the team's id, creating it when the workspace has none of that
# name, and giving a team of that name the strategy and the member (a PUT keeps everything else the team has). The
# member is the demo user's id in this Keycloak: a database kept from another Keycloak knows them by an older id.
ensure_team() {
  local found
  found="$(jq -c --arg name "$1" '(if type == "array" then . else .items end) | map(select(.name == $name)) | first // empty' <<<"$existing")"
  if [ -n "$found" ]; then
    if [ "$(jq -r '.strategy // "manual"' <<<"$found")" != "$4" ] ||
      ! jq -e --arg member "$3" '.memberIds // [] | index($member)' <<<"$found" >/dev/null; then
      tutti_api "$token" PUT "/api/teams/$(jq -r .id <<<"$found")" \
        "$(jq -c --arg strategy "$4" --arg member "$3" '{name, description, memberIds, fallbackStrategy,
          requiredSkills, timeZone, businessHours, noReplyMinutes, leadId}
          + {strategy: $strategy, memberIds: ((.memberIds // []) + [$member] | unique)}' <<<"$found")" >/dev/null
    fi
    jq -r .id <<<"$found"
    return
  fi
  tutti_api "$token" POST /api/teams \
    "$(jq -nc --arg name "$1" --arg description "$2" --arg member "$3" --arg strategy "$4" \
      '{name: $name, description: $description, memberIds: [$member], strategy: $strategy}')" | jq -r .id
}

support="$(ensure_team Support "Orders, deliveries and returns on every channel" "$alice" least_loaded)"
sales="$(ensure_team Sales "Leads from ads and social DMs" "$sam" round_robin)"
seed_say "teams: Support (alice, least loaded) $support, Sales (sam, round robin) $sales"

# The ad lead goes to Sales, Mariana's late order to Support with alice on it.
conversations="$(tutti_api "$token" GET '/api/conversations?view=all&limit=100')"
conversation_with() {
  jq -r --arg text "$1" '.items | map(select(.lastMessagePreview // "" | contains($text))) | first | .id // empty' <<<"$conversations"
}
lead="$(conversation_with "I saw your ad")"
late="$(conversation_with "#1042")"
if [ -n "$lead" ]; then
  tutti_api "$token" POST "/api/conversations/$lead/assign" "{\"teamId\":\"$sales\"}" >/dev/null
  tutti_api "$token" PUT "/api/conversations/$lead/priority" '{"priority":"high"}' >/dev/null
fi
if [ -n "$late" ]; then
  tutti_api "$token" POST "/api/conversations/$late/assign" "{\"teamId\":\"$support\",\"assigneeId\":\"$alice\"}" >/dev/null
  tutti_api "$token" PUT "/api/conversations/$late/labels" '{"labels":["delivery"]}' >/dev/null
  replied="$(tutti_api "$token" GET "/api/conversations/$late/messages" |
    jq '[.items[] | select(.direction == "out")] | length')"
  if [ "$replied" = 0 ]; then
    tutti_api "$(tutti_token alice)" POST "/api/conversations/$late/messages" \
      '{"text":"Hi Mariana, sorry for the wait! Your order #1042 left our warehouse yesterday."}' >/dev/null
    tutti_api "$(tutti_token alice)" POST "/api/conversations/$late/messages" \
      '{"text":"Carrier says Thursday; keep an eye on this one.","private":true}' >/dev/null
  fi
fi
seed_say "the ad lead is with Sales (high priority); Mariana's order is with alice, answered, with a note"
