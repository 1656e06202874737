-- Contacts, their identities on every channel, merges and the lead lifecycle (services/profiles README).
-- pg_trgm is a trusted extension: the database's owner may create it.
create extension if not exists pg_trgm;

create table contact (
    id                   uuid primary key,
    workspace_id         varchar(100) not null,
    name                 varchar(200),
    avatar_url           varchar(2000),
    language             varchar(35),
    country              varchar(2),
    city                 varchar(200),
    company              varchar(200),
    notes                text,
    stage                varchar(20)  not null default 'new',
    disqualified_reason  varchar(500),
    owner_id             varchar(100),
    owner_name           varchar(200),
    checklist            jsonb        not null default '{}',
    attributes           jsonb        not null default '{}',
    first_touch_channel  varchar(50),
    first_touch_campaign varchar(300),
    first_touch_at       timestamptz,
    last_touch_channel   varchar(50),
    last_touch_campaign  varchar(300),
    last_touch_at        timestamptz,
    -- Lower-cased, accent-free words of the name, company and every handle, phones in each way people type
    -- them; the search matches word prefixes through the trigram index.
    search_text          text         not null default '',
    -- Set while the contact is folded into another by a merge; such a contact is hidden until unmerged.
    merged_into          uuid references contact (id),
    merged_at            timestamptz,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null
);

create index contact_listing on contact (workspace_id, created_at desc, id desc) where merged_into is null;
create index contact_search on contact using gin (search_text gin_trgm_ops);
create index contact_same_name on contact (workspace_id, lower(name)) where merged_into is null;
create index contact_folded on contact (merged_into) where merged_into is not null;

-- Who the contact is on a channel: (channel, external id) is unique in a workspace.
create table contact_identity (
    id            uuid primary key,
    workspace_id  varchar(100) not null,
    contact_id    uuid         not null references contact (id),
    channel       varchar(30)  not null,
    external_id   varchar(320) not null,
    -- phone:+E.164 or email:address when the channel proves one; identities sharing it are one contact.
    link_key      varchar(330),
    inbox_id      varchar(100),
    display_name  varchar(200),
    handle        varchar(320),
    first_seen_at timestamptz  not null,
    last_seen_at  timestamptz  not null,
    unique (workspace_id, channel, external_id)
);

create index contact_identity_contact on contact_identity (contact_id);
create index contact_identity_link on contact_identity (workspace_id, link_key) where link_key is not null;

-- Phone numbers (E.164), email addresses (lower case) and usernames (per platform) of a contact.
create table contact_handle (
    id           uuid primary key,
    workspace_id varchar(100) not null,
    contact_id   uuid         not null references contact (id),
    kind         varchar(10)  not null,
    value        varchar(320) not null,
    -- The platform of a username; empty for phones and emails, which are the same on every channel.
    channel      varchar(30)  not null default '',
    -- The channel the handle came from, or 'agent' when someone typed it in.
    source       varchar(30)  not null,
    created_at   timestamptz  not null,
    unique (contact_id, kind, channel, value)
);

create index contact_handle_lookup on contact_handle (workspace_id, kind, value);

create table stage_change (
    id           uuid primary key,
    workspace_id varchar(100) not null,
    contact_id   uuid         not null references contact (id),
    from_stage   varchar(20)  not null,
    to_stage     varchar(20)  not null,
    note         varchar(2000),
    reason       varchar(500),
    -- manual, sale, merge or unmerge
    source       varchar(20)  not null,
    by_id        varchar(100) not null,
    by_name      varchar(200),
    at           timestamptz  not null
);

create index stage_change_contact on stage_change (contact_id, at desc, id desc);

-- What a merge changed, so that an unmerge restores both contacts exactly.
create table contact_merge (
    id               uuid primary key,
    workspace_id     varchar(100) not null,
    survivor_id      uuid         not null references contact (id),
    merged_id        uuid         not null references contact (id),
    survivor_before  jsonb        not null,
    survivor_after   jsonb        not null,
    merged_state     jsonb        not null,
    -- JSON arrays as text: Hibernate Reactive reads jsonb as a JSON object, which an array is not.
    conflicts        text         not null,
    moved_identities text         not null,
    moved_handles    text         not null,
    by_id            varchar(100) not null,
    by_name          varchar(200),
    merged_at        timestamptz  not null,
    unmerged_by_id   varchar(100),
    unmerged_by_name varchar(200),
    unmerged_at      timestamptz
);

create index contact_merge_survivor on contact_merge (survivor_id);
create index contact_merge_merged on contact_merge (merged_id);

-- Who merged, unmerged or erased what, and when.
create table audit_entry (
    id               uuid primary key,
    workspace_id     varchar(100) not null,
    action           varchar(20)  not null,
    contact_id       uuid,
    other_contact_id uuid,
    merge_id         uuid,
    actor_id         varchar(100) not null,
    actor_name       varchar(200),
    at               timestamptz  not null,
    details          jsonb        not null default '{}'
);

create index audit_entry_listing on audit_entry (workspace_id, at desc, id desc);
create index audit_entry_contact on audit_entry (contact_id);
create index audit_entry_other on audit_entry (other_contact_id);

-- Two contacts that may be one person; a person decides. contact_a < contact_b, one row per pair.
create table merge_suggestion (
    id              uuid primary key,
    workspace_id    varchar(100)  not null,
    contact_a       uuid          not null references contact (id),
    contact_b       uuid          not null references contact (id),
    -- open, dismissed or merged
    status          varchar(20)   not null,
    confidence      numeric(3, 2) not null,
    reasons         text          not null,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    decided_by_id   varchar(100),
    decided_by_name varchar(200),
    decided_at      timestamptz,
    unique (workspace_id, contact_a, contact_b),
    check (contact_a < contact_b)
);

create index merge_suggestion_open on merge_suggestion (workspace_id, confidence desc, id desc) where status = 'open';
create index merge_suggestion_b on merge_suggestion (contact_b);

-- Projections of attribution's events, for the timeline and first/last touch.
create table web_session (
    id           uuid primary key,
    workspace_id varchar(100)  not null,
    contact_id   uuid          not null references contact (id),
    session_id   varchar(100)  not null,
    anonymous_id varchar(100),
    channel      varchar(50),
    campaign     varchar(300),
    landing_url  varchar(2000),
    referrer     varchar(2000),
    started_at   timestamptz   not null,
    unique (workspace_id, session_id)
);

create index web_session_contact on web_session (contact_id, started_at desc, id desc);

create table conversion (
    id           uuid primary key,
    workspace_id varchar(100) not null,
    contact_id   uuid         not null references contact (id),
    sale_id      varchar(100) not null,
    order_id     varchar(200),
    -- Unconstrained numeric keeps the amount's exact digits and scale.
    amount       numeric,
    currency     varchar(3),
    occurred_at  timestamptz  not null,
    unique (workspace_id, sale_id)
);

create index conversion_contact on conversion (contact_id, occurred_at desc, id desc);
