-- Every reply conversations asked connectors to send, recorded before any platform is called: the unique
-- (workspace, message) pair is what makes a redelivered command send nothing twice.
create table outbound_message (
    id              uuid primary key,
    workspace_id    varchar(100)  not null,
    message_id      varchar(100)  not null,
    conversation_id varchar(100),
    inbox_id        uuid          not null,
    channel         varchar(20)   not null,
    recipient       varchar(320)  not null,
    -- The outbound.requested payload as JSON, and the event that carried it.
    command         text          not null,
    event_id        uuid          not null,
    correlation_id  varchar(200),
    requested_at    timestamptz   not null,
    -- queued → sending → sent; failed; web chat: awaiting_visitor → delivered.
    state           varchar(20)   not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null,
    lease_until     timestamptz,
    -- A reply may take several platform messages (long text, attachments); those already sent are never sent
    -- again when a later one is retried.
    parts_sent      integer       not null default 0,
    error_code      varchar(100),
    error_message   varchar(2000),
    sent_at         timestamptz,
    finished_at     timestamptz,
    unique (workspace_id, message_id)
);

-- What the dispatcher looks for: due work, oldest first.
create index outbound_message_due on outbound_message (next_attempt_at, requested_at) where state = 'queued';
-- Replies to one customer go out in order: the dispatcher asks whether an earlier one is still on its way.
create index outbound_message_recipient on outbound_message (inbox_id, recipient, requested_at)
    where state in ('queued', 'sending');
-- Sends cut short by a stopped process.
create index outbound_message_leased on outbound_message (lease_until) where state = 'sending';
-- Website chat replies waiting for their visitor to come back.
create index outbound_message_awaiting on outbound_message (inbox_id, recipient, requested_at)
    where state = 'awaiting_visitor';
create index outbound_message_awaiting_age on outbound_message (requested_at) where state = 'awaiting_visitor';

-- The platform's id of each message a reply became: receipts name these, and find our message by them.
create table outbound_platform_id (
    inbox_id            uuid         not null,
    platform_message_id varchar(500) not null,
    outbound_id         uuid         not null references outbound_message (id) on delete cascade,
    part                integer      not null,
    primary key (inbox_id, platform_message_id)
);

create index outbound_platform_id_message on outbound_platform_id (outbound_id);

-- When each customer last wrote to each Meta inbox: Messenger, Instagram and WhatsApp allow free-form replies
-- only within 24 hours of it.
create table contact_window (
    inbox_id            uuid         not null,
    external_contact_id varchar(320) not null,
    last_inbound_at     timestamptz  not null,
    primary key (inbox_id, external_contact_id)
);

-- What could not be delivered: a reply that ran out of retries, or a command the broker dead-lettered. Admins
-- list them and replay one once its cause is fixed.
create table dead_letter (
    id             uuid primary key,
    workspace_id   varchar(100),
    kind           varchar(20)   not null,
    event_type     varchar(100),
    event_id       uuid,
    envelope       text,
    outbound_id    uuid references outbound_message (id) on delete cascade,
    message_id     varchar(100),
    inbox_id       uuid,
    channel        varchar(20),
    reason         varchar(2000) not null,
    error_code     varchar(100),
    attempts       integer       not null,
    dead_at        timestamptz   not null,
    replayed_at    timestamptz,
    replayed_by    varchar(200)
);

create index dead_letter_workspace on dead_letter (workspace_id, dead_at desc);

-- Admins see a channel whose credentials the platform refused before customers notice its silence.
alter table inbox add column health varchar(20) not null default 'healthy';
alter table inbox add column health_reason varchar(2000);
alter table inbox add column health_changed_at timestamptz;
