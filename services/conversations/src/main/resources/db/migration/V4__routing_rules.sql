-- Routing rules: what an admin configured to happen to new conversations and messages, run in order.
-- V3 is the assignment migration of agents and team strategies; Flyway runs whichever numbers exist, in order.

create table routing_rule (
    id           uuid primary key,
    workspace_id varchar(100) not null,
    name         varchar(100) not null,
    enabled      boolean      not null,
    -- 1..n across the workspace's rules, whatever their trigger: the order they run in.
    position     integer      not null,
    trigger      varchar(30)  not null
        check (trigger in ('conversation_opened', 'message_received', 'conversation_updated')),
    match        varchar(3)   not null check (match in ('all', 'any')),
    -- JSON arrays as text (see message.attachments): [{field, operator, value}] and [{type, ...}].
    conditions   text         not null,
    actions      text         not null,
    stop_after   boolean      not null,
    created_by   varchar(100) not null,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    -- Deferred: a reorder renumbers several rules in one transaction, in whatever order they are flushed.
    constraint routing_rule_position unique (workspace_id, position) deferrable initially deferred
);
-- The rules one trigger runs, in order, on every message.
create index routing_rule_trigger on routing_rule (workspace_id, trigger, position) where enabled;

-- profiles' word on a contact that rules ask about (stage, attributes), kept from contact.updated and
-- contact.stage-changed. Each part carries the time of the event that set it, so a late older event changes nothing.
create table contact_profile (
    workspace_id varchar(100) not null,
    contact_id   varchar(100) not null,
    stage        varchar(30),
    stage_at     timestamptz,
    attributes   jsonb        not null default '{}',
    details_at   timestamptz,
    primary key (workspace_id, contact_id)
);

-- Webhooks a rule fired: written with the rule's other effects, sent by a job after the transaction committed,
-- retried with backoff until delivered or out of attempts.
create table webhook_delivery (
    id              uuid primary key,
    workspace_id    varchar(100)  not null,
    conversation_id uuid          not null references conversation (id) on delete cascade,
    rule_id         uuid          not null,
    rule_name       varchar(100)  not null,
    url             varchar(2048) not null,
    payload         text          not null,
    status          varchar(10)   not null check (status in ('pending', 'delivered', 'failed')),
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null,
    last_error      varchar(1000),
    created_at      timestamptz   not null,
    finished_at     timestamptz
);
-- The job's due list.
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_conversation on webhook_delivery (conversation_id);
