-- Shopify shops whose order webhooks become sales. The webhook secret is sealed with SecretBox (bound to the
-- row's id) and never leaves the service; the webhook URL names the row's id.
create table shop (
    id             uuid primary key,
    workspace_id   text        not null,
    name           text        not null,
    shop_domain    text        not null,
    webhook_secret bytea       not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    unique (workspace_id, shop_domain)
);

-- Webhook deliveries (X-Shopify-Webhook-Id) already recorded as a sale, written in the sale's transaction: a
-- redelivery changes nothing. Kept for a week, well past Shopify's retries; the order id dedupes after that.
create table shop_delivery (
    shop_id     uuid        not null references shop (id) on delete cascade,
    webhook_id  text        not null,
    order_id    text        not null,
    received_at timestamptz not null,
    primary key (shop_id, webhook_id)
);
create index shop_delivery_received on shop_delivery (received_at);
