-- Conversations, their messages, the unified queue and what agents do with it (issue 5).
-- Sized for a workspace with 1,000,000 conversations and 10,000,000 messages: every index below serves one
-- query named beside it, and the queue's indexes end in the sort key and id so a page is an index range scan.

-- Teams: who sees which conversations. Issue 6 adds skills and capacity to the members.
create table team (
    id           uuid primary key,
    workspace_id varchar(100) not null,
    name         varchar(100) not null,
    description  varchar(500),
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);
create unique index team_name on team (workspace_id, lower(name));

create table team_member (
    team_id      uuid         not null references team (id) on delete cascade,
    agent_id     varchar(100) not null,
    workspace_id varchar(100) not null,
    primary key (team_id, agent_id)
);
-- "Which teams is this agent in?" runs before every queue query of an agent.
create index team_member_agent on team_member (workspace_id, agent_id);

create table conversation (
    id                   uuid primary key,
    workspace_id         varchar(100) not null,
    inbox_id             varchar(100) not null,
    channel              varchar(20)  not null,
    external_contact_id  varchar(320) not null,
    contact_id           varchar(100),
    contact_name         varchar(300),
    contact_handle       varchar(320),
    subject              varchar(1000),
    status               varchar(10)  not null check (status in ('open', 'pending', 'snoozed', 'resolved')),
    snooze_until         timestamptz,
    priority             varchar(10)  not null default 'none'
        check (priority in ('none', 'low', 'medium', 'high', 'urgent')),
    assignee_id          varchar(100),
    team_id              uuid references team (id),
    labels               text[]       not null default '{}',
    -- Sort key "last activity": the newest sentAt of a message the customer can see (no notes, no reactions).
    last_message_at      timestamptz  not null,
    last_message_preview varchar(300),
    -- The newest reply an agent sent; the customer's messages after it are unanswered.
    last_reply_at        timestamptz,
    -- The customer's oldest unanswered message (null once an agent replied after it).
    waiting_since        timestamptz,
    -- Sort key "waiting": unanswered first, oldest first; answered conversations last.
    waiting_key          timestamptz generated always as (coalesce(waiting_since, 'infinity'::timestamptz)) stored,
    -- When last_message_at or waiting_since last changed: the queue's cursors rebuild older pages from it.
    activity_changed_at  timestamptz  not null,
    inbound_count        integer      not null default 0,
    opened_at            timestamptz  not null,
    first_reply_at       timestamptz,
    resolved_at          timestamptz,
    resolved_by          varchar(120),
    updated_at           timestamptz  not null,
    -- Words of every message, the contact's name and handle and the subject, for the queue's search.
    search               tsvector     not null default ''::tsvector
);

-- One conversation that is not resolved per contact identity on an inbox: two messages that arrive together
-- cannot open two conversations.
create unique index conversation_active_identity on conversation (workspace_id, inbox_id, external_contact_id)
    where status <> 'resolved';
-- An identity's conversations: by inbox (its latest, for the re-open window) and by channel (contact.resolved and
-- contact.unmerged name identities so). One customer has a handful, so one index serves both.
create index conversation_identity on conversation (workspace_id, external_contact_id, channel, inbox_id);
-- A contact's history, and contact.merged re-pointing.
create index conversation_contact on conversation (workspace_id, contact_id, last_message_at, id)
    where contact_id is not null;

-- The queue, sorted by last activity (scanned backwards) and by waiting time: for every slice of what a caller sees
-- (everything, one assignee or nobody, one team or none) with a status, plus last activity without one.
create index conversation_queue on conversation (workspace_id, last_message_at, id);
create index conversation_queue_status on conversation (workspace_id, status, last_message_at, id);
create index conversation_queue_assignee on conversation (workspace_id, assignee_id, status, last_message_at, id);
create index conversation_queue_team on conversation (workspace_id, team_id, status, last_message_at, id);
create index conversation_queue_waiting on conversation (workspace_id, status, waiting_key, id);
create index conversation_queue_waiting_assignee on conversation (workspace_id, assignee_id, status, waiting_key, id);
create index conversation_queue_waiting_team on conversation (workspace_id, team_id, status, waiting_key, id);
-- Nobody's (no assignee, no team): every agent's slice; partial, so the planner never walks another slice for it.
create index conversation_queue_untaken on conversation (workspace_id, status, last_message_at, id)
    where assignee_id is null and team_id is null;
create index conversation_queue_untaken_waiting on conversation (workspace_id, status, waiting_key, id)
    where assignee_id is null and team_id is null;
create index conversation_queue_search on conversation using gin (search);
create index conversation_queue_labels on conversation using gin (labels);
-- Conversations whose sort keys moved after a page was served: only the last few seconds' rows.
create index conversation_activity_changed on conversation (workspace_id, activity_changed_at);

-- The snooze scheduler's due list.
create index conversation_snoozed on conversation (snooze_until) where status = 'snoozed';
-- Reports by opening and by resolution time.
create index conversation_opened on conversation (workspace_id, opened_at);
create index conversation_resolved on conversation (workspace_id, resolved_at) where resolved_at is not null;

create table message (
    id                           uuid primary key,
    workspace_id                 varchar(100)  not null,
    conversation_id              uuid          not null references conversation (id),
    inbox_id                     varchar(100)  not null,
    -- The customer: sender of an inbound message, recipient of an outbound one.
    external_contact_id          varchar(320)  not null,
    direction                    varchar(3)    not null check (direction in ('in', 'out')),
    -- in: message | postback | reaction; out: message | note
    kind                         varchar(10)   not null,
    private                      boolean       not null default false,
    -- The agent of an outbound message; inbound messages are the conversation's contact's.
    sender_id                    varchar(100),
    author_name                  varchar(200),
    text                         text,
    html                         text,
    subject                      varchar(1000),
    -- JSON arrays as text: Hibernate Reactive reads jsonb as a JSON object, which an array is not.
    attachments                  text          not null default '[]',
    platform_message_id          varchar(1000),
    reply_to_platform_message_id varchar(1000),
    reply_to_message_id          uuid,
    email_references             text,
    template                     jsonb,
    referral                     jsonb,
    -- Delivery of a reply: pending, sent, delivered, read or failed; null for inbound messages and notes.
    status                       varchar(10) check (status in ('pending', 'sent', 'delivered', 'read', 'failed')),
    error_code                   varchar(200),
    error_message                varchar(2000),
    status_at                    timestamptz,
    -- When the customer sent it (inbound) or the agent did (outbound): the order of the thread.
    sent_at                      timestamptz   not null,
    created_at                   timestamptz   not null,
    edited_at                    timestamptz
);

-- The thread in order, and the queue's rebuild of an older page's sort keys.
create index message_thread on message (conversation_id, sent_at, id);
-- The same platform message arriving twice under different event ids is one message.
create unique index message_inbound_key on message (inbox_id, external_contact_id, platform_message_id)
    where direction = 'in' and platform_message_id is not null;
-- Receipts name our reply by the platform's id.
create index message_outbound_key on message (inbox_id, platform_message_id)
    where direction = 'out' and platform_message_id is not null;

-- Receipts that name a platform id we do not know yet: the "sent" that tells it may still be on its way.
create table pending_receipt (
    id                  uuid primary key,
    workspace_id        varchar(100)  not null,
    inbox_id            varchar(100)  not null,
    platform_message_id varchar(1000) not null,
    status              varchar(10)   not null,
    error_code          varchar(200),
    error_message       varchar(2000),
    at                  timestamptz   not null,
    received_at         timestamptz   not null
);
create index pending_receipt_key on pending_receipt (inbox_id, platform_message_id);
create index pending_receipt_age on pending_receipt (received_at);

-- How many inbound messages each agent has seen of a conversation; unread = inbound_count - seen.
create table conversation_read (
    conversation_id uuid         not null references conversation (id),
    agent_id        varchar(100) not null,
    inbound_seen    integer      not null,
    read_at         timestamptz  not null,
    primary key (conversation_id, agent_id)
);

create table conversation_activity (
    id              uuid primary key,
    workspace_id    varchar(100) not null,
    conversation_id uuid         not null references conversation (id),
    type            varchar(30)  not null,
    -- agent id, "system", "contact", or "rule:<id>" (issue 6)
    actor           varchar(120) not null,
    details         jsonb        not null default '{}',
    at              timestamptz  not null
);
create index conversation_activity_newest on conversation_activity (conversation_id, at, id);

create table canned_response (
    id           uuid primary key,
    workspace_id varchar(100)  not null,
    shortcut     varchar(50)   not null,
    title        varchar(200),
    text         varchar(5000) not null,
    created_by   varchar(100)  not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null
);
create unique index canned_response_shortcut on canned_response (workspace_id, shortcut);

-- profiles' word on who an identity (channel + external id) is, kept for conversations that open later.
create table contact_identity (
    workspace_id        varchar(100) not null,
    channel             varchar(20)  not null,
    external_contact_id varchar(320) not null,
    contact_id          varchar(100) not null,
    updated_at          timestamptz  not null,
    primary key (workspace_id, channel, external_contact_id)
);
create index contact_identity_contact on contact_identity (workspace_id, contact_id);

-- Merges profiles announced, so a late contact.resolved for a merged contact lands on the survivor, and an
-- unmerge that overtook its merge is not undone by it.
create table contact_merge (
    merge_id     varchar(100) primary key,
    workspace_id varchar(100) not null,
    survivor_id  varchar(100) not null,
    merged_id    varchar(100) not null,
    merged_at    timestamptz,
    unmerged_at  timestamptz
);
create index contact_merge_merged on contact_merge (workspace_id, merged_id);

-- The queue's search: the words of q, each as a prefix, all required. The words are cut the way the vectors are.
create function conversation_search_query(q text) returns tsquery
    language sql immutable parallel safe as
$$
select to_tsquery('simple', coalesce(string_agg('''' || t.lexeme || ''':*', ' & '), ''))
from unnest(to_tsvector('simple', left(q, 200))) as t
where t.lexeme !~ '[''\\:]'
$$;
