#!/usr/bin/env bash
# Every demo user signs in, and their token carries the workspace and role the demo promises.
# The users themselves come from infra/keycloak/tutti-realm.json, imported when Keycloak first starts.
# shellcheck source=infra/seed/lib.sh
. "$(dirname "$0")/lib.sh"

while IFS=$'\t' read -r user password role workspace name email; do
  claims="$(jwt_claims "$(tutti_token "$user" "$password")")"
  actual_workspace="$(jq -r '.workspace // empty' <<<"$claims")"
  [ "$actual_workspace" = "$workspace" ] ||
    seed_fail "$user's token says workspace '$actual_workspace', the demo expects '$workspace'"
  jq -e --arg role "$role" '.realm_access.roles | index($role)' <<<"$claims" >/dev/null ||
    seed_fail "$user's token lacks the realm role '$role'"
  seed_say "$user signs in: $name <$email>, $role in workspace $workspace"
done < <(demo_users)
