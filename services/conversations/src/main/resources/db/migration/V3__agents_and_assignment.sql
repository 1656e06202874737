-- Agents and automatic assignment (issue 6): who the agents are, how much each takes at once, and how a team shares
-- its conversations among them. Every lock taken for an assignment is a row lock here, in this order: the
-- conversation being assigned, then its team, then the team's agents (by id); other conversations only with
-- SKIP LOCKED. So replicas never assign one conversation twice, never fill an agent past capacity, and never deadlock.

-- The agent directory: learned from validated tokens (id = the token subject), or configured by an admin first.
create table agent (
    workspace_id     varchar(100) not null,
    id               varchar(100) not null,
    username         varchar(200),
    name             varchar(200),
    roles            text[]       not null default '{}',
    availability     varchar(10)  not null default 'online' check (availability in ('online', 'away', 'offline')),
    -- Tutti made them offline (not seen for the presence timeout, or never signed in yet): being seen brings them
    -- back online. An agent who chose away or offline stays so.
    auto_offline     boolean      not null default false,
    -- Open and pending conversations they take at once; per channel too where channel_capacity names one.
    capacity         integer      not null check (capacity between 0 and 1000),
    channel_capacity jsonb        not null default '{}',
    skills           text[]       not null default '{}',
    last_seen_at     timestamptz,
    -- Their newest automatic assignment: a least-loaded tie goes to whoever has waited longest for one.
    last_assigned_at timestamptz,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    primary key (workspace_id, id)
);
-- The presence sweep: online agents by when they were last seen.
create index agent_presence on agent (last_seen_at) where availability = 'online';

-- Members of teams made before agents were known become agents who have not signed in yet.
insert into agent (workspace_id, id, availability, auto_offline, capacity, created_at, updated_at)
select distinct workspace_id, agent_id, 'offline', true, 10, now(), now()
from team_member
on conflict do nothing;

alter table team
    add column strategy               varchar(20) not null default 'manual'
        check (strategy in ('manual', 'round_robin', 'least_loaded', 'sticky')),
    -- Who takes a sticky conversation whose agent cannot.
    add column fallback_strategy      varchar(20) not null default 'least_loaded'
        check (fallback_strategy in ('round_robin', 'least_loaded')),
    add column required_skills        text[]      not null default '{}',
    add column time_zone              varchar(64),
    -- [{"days": ["mon", …], "from": "09:00", "to": "18:00"}] as JSON text (see V1 on arrays in jsonb).
    add column business_hours         text,
    -- Re-assign a conversation whose agent has not answered the waiting customer for this long; null: never.
    add column no_reply_minutes       integer check (no_reply_minutes between 1 and 10080),
    add column lead_id                varchar(100),
    -- Round robin's place: the member who got the team's last conversation by it.
    add column last_assigned_agent_id varchar(100);

alter table conversation
    -- When the current assignee got it: the no-reply watch counts from here. Assignments made before this
    -- migration have none, so the watch leaves them alone until they are assigned again.
    add column assigned_at         timestamptz,
    -- When it started waiting in its team's queue for an agent who can take it; null when it is not waiting.
    add column queued_at           timestamptz,
    -- Skills the routing asked for on top of the team's, kept so a waiting conversation gets an agent who has them.
    add column required_skills     text[]      not null default '{}',
    -- The agent the no-reply watch took it from: the queue gives it to anyone else.
    add column no_reply_agent_id   varchar(100),
    -- The strategy the routing asked for instead of the team's own; null: the team's.
    add column assignment_strategy varchar(20)
        check (assignment_strategy in ('manual', 'round_robin', 'least_loaded', 'sticky'));

-- Urgent first: the order a team's queue is served in.
create function conversation_priority_rank(priority varchar) returns integer
    language sql immutable parallel safe as
$$
select case priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end
$$;

-- A team's queue in the order it is served: priority, the customer's waiting time, the time in the queue.
create index conversation_team_queue on conversation
    (team_id, conversation_priority_rank(priority), waiting_key, queued_at, id)
    where assignee_id is null and queued_at is not null and status in ('open', 'pending');
-- The no-reply watch: assigned open conversations whose customer is waiting.
create index conversation_unanswered_assigned on conversation (assigned_at)
    where status = 'open' and assignee_id is not null and waiting_since is not null;
