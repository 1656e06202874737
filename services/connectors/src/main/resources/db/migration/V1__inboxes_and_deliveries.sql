-- A workspace's connected channel accounts. Credentials are sealed (AES-GCM) by the service before they get here.
create table inbox (
    id           uuid primary key,
    workspace_id varchar(100) not null,
    name         varchar(200) not null,
    channel      varchar(20)  not null,
    account_id   varchar(320),
    verify_token varchar(256),
    site_key     varchar(64) unique,
    settings     text         not null,
    secrets      bytea        not null,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);

create index inbox_workspace on inbox (workspace_id, created_at);
create index inbox_account on inbox (workspace_id, channel, account_id);

-- Every delivery a platform made, byte for byte, stored before it is acknowledged. Kept for audit and replay.
create table webhook_delivery (
    id           uuid primary key,
    inbox_id     uuid         not null references inbox (id),
    workspace_id varchar(100) not null,
    channel      varchar(20)  not null,
    received_at  timestamptz  not null,
    content_type varchar(255),
    body         bytea        not null,
    events       integer      not null,
    duplicates   integer      not null,
    ignored      varchar(2000)
);

create index webhook_delivery_inbox on webhook_delivery (inbox_id, received_at);
create index webhook_delivery_age on webhook_delivery (received_at);

-- The platform's own id of each message or receipt already turned into an event: a retried delivery finds its
-- keys here and emits nothing again.
create table inbound_key (
    inbox_id    uuid         not null,
    key         varchar(500) not null,
    delivery_id uuid         not null,
    created_at  timestamptz  not null,
    primary key (inbox_id, key)
);

create index inbound_key_age on inbound_key (created_at);
