-- Attribution: touches (web sessions and first messages), conversions (contacts, qualified leads, sales), the
-- credit each model gives each conversion, and daily roll-ups the reports read instead of raw touches.

-- One row per workspace that changed a default: time zone of report dates, currency, time-decay half-life,
-- exchange rates (1 unit of the key currency = value in the workspace currency), channel rule overrides.
create table workspace_settings (
    workspace_id     text primary key,
    time_zone        text         not null,
    currency         char(3)      not null,
    half_life_days   numeric(8,3) not null,
    exchange_rates   jsonb        not null default '{}',
    source_channels  jsonb        not null default '{}',
    referrer_channels jsonb       not null default '{}',
    updated_at       timestamptz  not null
);

-- A website that sends page views to /track?key=...
create table site (
    site_key     text primary key,
    workspace_id text        not null,
    name         text        not null,
    created_at   timestamptz not null
);
create index site_workspace on site (workspace_id);

-- /track accepted it (202), nothing else yet: the processor turns these into sessions in order.
create table track_inbox (
    id           bigserial primary key,
    workspace_id text        not null,
    body         jsonb       not null,
    received_at  timestamptz not null default now(),
    attempts     int         not null default 0,
    failed_at    timestamptz,
    error        text
);
create index track_inbox_pending on track_inbox (id) where failed_at is null;

-- Who an identity (channel, externalId) belongs to, as profiles resolved it. Website visitors are channel web.
create table identity (
    workspace_id text not null,
    channel      text not null,
    external_id  text not null,
    contact_id   uuid not null,
    primary key (workspace_id, channel, external_id)
);
create index identity_contact on identity (workspace_id, contact_id);

-- The phones and emails profiles holds for a contact, to find the contact a sale names.
create table contact_handle (
    workspace_id text not null,
    kind         text not null,
    value        text not null,
    contact_id   uuid not null,
    primary key (workspace_id, kind, value, contact_id)
);
create index contact_handle_contact on contact_handle (workspace_id, contact_id);

-- Merges profiles made; an active merge makes merged_id's touches and conversions the survivor's.
create table contact_merge (
    merge_id     text primary key,
    workspace_id text        not null,
    survivor_id  uuid        not null,
    merged_id    uuid        not null,
    active       boolean     not null,
    merged_at    timestamptz not null
);
create index contact_merge_survivor on contact_merge (workspace_id, survivor_id) where active;
create index contact_merge_merged on contact_merge (workspace_id, merged_id) where active;

-- A moment someone came: a web session (kind session) or a contact's first message on a channel, or one
-- an ad brought (kind message).
create table touch (
    id               uuid primary key,
    workspace_id     text        not null,
    kind             text        not null,
    contact_id       uuid,
    identity_channel text,
    identity_id      text,
    channel          text        not null,
    campaign         text,
    ad_id            text,
    occurred_at      timestamptz not null,
    -- sessions only
    last_seen_at     timestamptz,
    page_views       int,
    landing_url      text,
    referrer         text,
    utm              jsonb,
    click_id         text,
    dedupe_key       text        not null,
    unique (workspace_id, dedupe_key)
);
create index touch_contact on touch (workspace_id, contact_id, occurred_at) where contact_id is not null;
create index touch_identity on touch (workspace_id, identity_channel, identity_id, occurred_at);

-- What a contact did that counts: became a contact, was qualified, bought.
create table conversion (
    id                uuid primary key,
    workspace_id      text          not null,
    kind              text          not null,
    contact_id        uuid,
    occurred_at       timestamptz   not null,
    counted           boolean       not null default true,
    order_id          text,
    amount            numeric(18,2),
    original_amount   numeric(18,2),
    original_currency char(3),
    rate              numeric(18,8),
    pending_identity  text,
    sale_announced    boolean       not null default false,
    recorded_at       timestamptz   not null,
    dedupe_key        text          not null,
    unique (workspace_id, dedupe_key)
);
create index conversion_contact on conversion (workspace_id, contact_id) where contact_id is not null;
create index conversion_pending on conversion (workspace_id, pending_identity) where pending_identity is not null;
create index conversion_sales on conversion (workspace_id, occurred_at) where kind = 'sale';

-- The share of a conversion each model gives a (channel, campaign); day is the conversion's date in the
-- workspace's time zone when it was credited. campaign '' is none.
create table credit (
    conversion_id uuid          not null references conversion (id) on delete cascade,
    model         text          not null,
    channel       text          not null,
    campaign      text          not null,
    day           date          not null,
    weight        numeric(12,6) not null,
    revenue       numeric(20,6) not null,
    primary key (conversion_id, model, channel, campaign)
);

-- Sums of credit per day: what reports read. Kept in the transaction that changes credit.
create table conversion_rollup (
    workspace_id text          not null,
    model        text          not null,
    day          date          not null,
    channel      text          not null,
    campaign     text          not null,
    contacts     numeric(18,6) not null default 0,
    qualified    numeric(18,6) not null default 0,
    sales        numeric(18,6) not null default 0,
    revenue      numeric(24,6) not null default 0,
    primary key (workspace_id, model, day, channel, campaign)
);

-- Sessions per day by their own channel (no model).
create table session_rollup (
    workspace_id text   not null,
    day          date   not null,
    channel      text   not null,
    campaign     text   not null,
    sessions     bigint not null default 0,
    primary key (workspace_id, day, channel, campaign)
);
