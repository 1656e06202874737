#!/usr/bin/env bash
# The demo workspace's website tracking: acme's website (the chat widget's site key, so one snippet key serves
# both), its report settings, and a few visits so the attribution report has something to show: a visitor from
# an Instagram ad who comes back from Google, identifies and buys; a newsletter reader; a visitor from a blog.
# shellcheck source=infra/seed/lib.sh
. "$(dirname "$0")/lib.sh"

token="$(tutti_token ada)"
site_key="$(tutti_api "$token" GET /api/inboxes | jq -r 'map(select(.channel == "web")) | first | .siteKey // empty')"
[ -n "$site_key" ] || seed_fail "the demo workspace has no website chat inbox (infra/seed/20-inboxes.sh makes it)"
tutti_api "$token" POST /api/attribution/sites "{\"name\":\"acme.example\",\"siteKey\":\"$site_key\"}" >/dev/null
tutti_api "$token" PUT /api/attribution/settings \
  '{"timeZone":"America/New_York","currency":"USD","halfLifeDays":7,"exchangeRates":{"EUR":1.08,"GBP":1.27}}' >/dev/null
seed_say "website acme.example tracked with site key $site_key; reports in America/New_York, USD"

# track BODY: one call to /track as /tutti.js sends it.
track() {
  local status
  status="$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: text/plain' \
    --data-binary "$1" "$TUTTI_GATEWAY_URL/track?key=$site_key")" || seed_fail "POST /track: the gateway does not answer"
  [ "$status" = 202 ] || seed_fail "POST /track answered HTTP $status"
}

at() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }

# Fixed visitor ids: running the seed again adds page views to the same visitors, not new people.
track "{\"type\":\"page\",\"anonymousId\":\"demo-visitor-mia\",\"occurredAt\":\"$(at '6 days ago')\",\"url\":\"https://acme.example/winter?utm_source=instagram&utm_medium=paid_social&utm_campaign=winter_sale\",\"referrer\":\"https://l.instagram.com/\"}"
track "{\"type\":\"page\",\"anonymousId\":\"demo-visitor-mia\",\"occurredAt\":\"$(at '3 days ago')\",\"url\":\"https://acme.example/pricing\",\"referrer\":\"https://www.google.com/\"}"
track "{\"type\":\"identify\",\"anonymousId\":\"demo-visitor-mia\",\"occurredAt\":\"$(at '3 days ago')\",\"url\":\"https://acme.example/signup\",\"traits\":{\"email\":\"mia@example.com\",\"name\":\"Mia Rossi\"}}"
track "{\"type\":\"page\",\"anonymousId\":\"demo-visitor-noah\",\"occurredAt\":\"$(at '2 days ago')\",\"url\":\"https://acme.example/?utm_source=newsletter&utm_medium=email&utm_campaign=december\",\"referrer\":\"\"}"
track "{\"type\":\"page\",\"anonymousId\":\"demo-visitor-lea\",\"occurredAt\":\"$(at '1 day ago')\",\"url\":\"https://acme.example/blog/gift-guide\",\"referrer\":\"https://blog.example.org/best-gifts\"}"
tutti_api "$token" POST /api/attribution/sales \
  "{\"email\":\"mia@example.com\",\"orderId\":\"demo-1001\",\"amount\":100,\"currency\":\"USD\",\"occurredAt\":\"$(at '2 days ago')\"}" >/dev/null
seed_say "visitors came from Instagram, Google, a newsletter and a blog; Mia bought for USD 100 (order demo-1001)"
