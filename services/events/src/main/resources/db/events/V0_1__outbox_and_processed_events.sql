-- Transactional outbox: a row is written in the same transaction as the state change it announces; the relay
-- publishes it with publisher confirms and stamps published_at.
create table outbox_event (
    id              uuid primary key,
    type            varchar(100) not null,
    workspace_id    varchar(100) not null,
    envelope        text         not null,
    traceparent     varchar(100),
    created_at      timestamptz  not null default now(),
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_error      varchar(1000),
    published_at    timestamptz
);

-- The relay only ever looks at what is still to publish; keep that index small.
create index outbox_event_pending on outbox_event (next_attempt_at, id) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;

-- Idempotent consumers: one row per (consumer, event) handled, written in the handler's transaction.
create table processed_event (
    consumer     varchar(200) not null,
    event_id     uuid         not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);

create index processed_event_age on processed_event (processed_at);
