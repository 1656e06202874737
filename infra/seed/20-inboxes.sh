#!/usr/bin/env bash
# The demo workspace's channels: ada (admin of acme) connects one inbox per channel, then a few customers
# write in, signed exactly as each platform signs its webhooks. The platform credentials are demo values
# (marked so in each inbox's name): replace them with a real page, number or bot in the inbox settings.
# shellcheck source=infra/seed/lib.sh
. "$(dirname "$0")/lib.sh"

DEMO_APP_SECRET="acme-demo-app-secret"
DEMO_TWILIO_TOKEN="acme-demo-twilio-auth-token"
DEMO_TELEGRAM_SECRET="acme-demo-telegram-secret"
DEMO_EMAIL_SECRET="acme-demo-inbound-email-secret"

token="$(tutti_token ada)"
existing="$(tutti_api "$token" GET /api/inboxes)"

# ensure_inbox NAME JSON: the inbox's JSON, creating it when the workspace has none of that name.
ensure_inbox() {
  local name="$1" body="$2" found
  found="$(jq -c --arg name "$name" 'map(select(.name == $name)) | first // empty' <<<"$existing")"
  if [ -n "$found" ] && [ "$(jq -r '.credentialsUnreadable // false' <<<"$found")" = true ]; then
    # Sealed with another credentials key (a new machine key, a restored database): enter them again.
    tutti_api "$token" PUT "/api/inboxes/$(jq -r .id <<<"$found")" \
      "$(jq -c --arg name "$name" '. + {name: $name}' <<<"$body")"
    return
  fi
  if [ -n "$found" ]; then
    printf '%s\n' "$found"
    return
  fi
  tutti_api "$token" POST /api/inboxes "$(jq -c --arg name "$name" '. + {name: $name}' <<<"$body")"
}

web="$(ensure_inbox "Website chat" '{"channel":"web"}')"
instagram="$(ensure_inbox "Instagram @acme (demo credentials)" \
  "{\"channel\":\"instagram\",\"instagramAccountId\":\"17841400000000001\",\"accessToken\":\"demo-token\",\"appSecret\":\"$DEMO_APP_SECRET\"}")"
messenger="$(ensure_inbox "Facebook page Acme (demo credentials)" \
  "{\"channel\":\"messenger\",\"pageId\":\"510249619162304\",\"accessToken\":\"demo-token\",\"appSecret\":\"$DEMO_APP_SECRET\"}")"
whatsapp="$(ensure_inbox "WhatsApp +1 555 0100 (demo credentials)" \
  "{\"channel\":\"whatsapp\",\"phoneNumberId\":\"1122334455667\",\"accessToken\":\"demo-token\",\"appSecret\":\"$DEMO_APP_SECRET\"}")"
sms="$(ensure_inbox "SMS +1 555 0100 (demo credentials)" \
  "{\"channel\":\"sms\",\"accountSid\":\"AC00000000000000000000000000000000\",\"authToken\":\"$DEMO_TWILIO_TOKEN\",\"phoneNumber\":\"+15555550100\"}")"
telegram="$(ensure_inbox "Telegram @AcmeBot (demo credentials)" \
  "{\"channel\":\"telegram\",\"botToken\":\"123456789:AAdemo-token-not-a-real-bot-000\",\"secretToken\":\"$DEMO_TELEGRAM_SECRET\"}")"
email="$(ensure_inbox "support@acme.test" \
  "{\"channel\":\"email\",\"address\":\"support@acme.test\",\"inboundSecret\":\"$DEMO_EMAIL_SECRET\"}")"

for inbox in "$web" "$instagram" "$messenger" "$whatsapp" "$sms" "$telegram" "$email"; do
  seed_say "$(jq -r '"\(.name): \(.channel), \(.webhookUrl // ("site key " + .siteKey))"' <<<"$inbox")"
done

# post_webhook URL CONTENT_TYPE BODY HEADER...: delivers BODY as the platform would; a redelivery is
# deduplicated by connectors, so running this script again adds nothing.
post_webhook() {
  local url="$1" type="$2" body="$3" status
  shift 3
  local headers=()
  for header in "$@"; do headers+=(-H "$header"); done
  status="$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -X POST -H "Content-Type: $type" \
    "${headers[@]}" --data-binary "$body" "$url")" || seed_fail "POST $url: the gateway does not answer"
  [ "$status" = 200 ] || seed_fail "POST $url answered HTTP $status"
}

meta_signature() { printf 'sha256=%s' "$(printf '%s' "$1" | openssl dgst -sha256 -hmac "$DEMO_APP_SECRET" -r | cut -d' ' -f1)"; }

dm='{"object":"instagram","entry":[{"time":1731312000512,"id":"17841400000000001","messaging":[{"sender":{"id":"6543210987654321"},"recipient":{"id":"17841400000000001"},"timestamp":1731312000301,"message":{"mid":"demo-ig-1","text":"Hi! Is the linen shirt still available in size M?"}}]}]}'
post_webhook "$(jq -r .webhookUrl <<<"$instagram")" application/json "$dm" "X-Hub-Signature-256: $(meta_signature "$dm")"

ad='{"object":"instagram","entry":[{"time":1731312240000,"id":"17841400000000001","messaging":[{"sender":{"id":"8888111122223333"},"recipient":{"id":"17841400000000001"},"timestamp":1731312239500,"message":{"mid":"demo-ig-2","text":"I saw your ad, do you ship to Osaka?","referral":{"ref":"spring_sale","ad_id":"120200000000000001","source":"ADS","type":"OPEN_THREAD"}}}]}]}'
post_webhook "$(jq -r .webhookUrl <<<"$instagram")" application/json "$ad" "X-Hub-Signature-256: $(meta_signature "$ad")"

wa='{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15555550100","phone_number_id":"1122334455667"},"contacts":[{"profile":{"name":"Mariana Costa"},"wa_id":"5511987654321"}],"messages":[{"from":"5511987654321","id":"wamid.demo-1","timestamp":"1731312300","type":"text","text":{"body":"Olá! My order #1042 has not arrived yet."}}]}}]}]}'
post_webhook "$(jq -r .webhookUrl <<<"$whatsapp")" application/json "$wa" "X-Hub-Signature-256: $(meta_signature "$wa")"

tg='{"update_id":10001,"message":{"message_id":1,"date":1731312400,"chat":{"id":424242,"type":"private","first_name":"Kenji","username":"kenji_t"},"from":{"id":424242,"is_bot":false,"first_name":"Kenji","username":"kenji_t"},"text":"こんにちは、返品できますか？"}}'
post_webhook "$(jq -r .webhookUrl <<<"$telegram")" application/json "$tg" "X-Telegram-Bot-Api-Secret-Token: $DEMO_TELEGRAM_SECRET"

# Twilio signs the webhook URL followed by every parameter, sorted by name.
sms_url="$(jq -r .webhookUrl <<<"$sms")"
sms_signature="$(printf '%s' "${sms_url}AccountSidAC00000000000000000000000000000000BodyDo you deliver on Sundays?From+15555550123MessageSidSMdemo0001NumMedia0To+15555550100" |
  openssl dgst -sha1 -hmac "$DEMO_TWILIO_TOKEN" -binary | base64)"
post_webhook "$sms_url" application/x-www-form-urlencoded \
  'MessageSid=SMdemo0001&AccountSid=AC00000000000000000000000000000000&From=%2B15555550123&To=%2B15555550100&Body=Do+you+deliver+on+Sundays%3F&NumMedia=0' \
  "X-Twilio-Signature: $sms_signature"

seed_say "customers wrote on Instagram (one from an ad), WhatsApp, Telegram and SMS"
