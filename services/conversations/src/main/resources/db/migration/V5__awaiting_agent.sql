-- When the conversation started waiting for an agent: set while it is open with nobody assigned, null otherwise.
-- The entity keeps it on every write (Conversation#trackAgentWait); an assignment reads it for the wait it ends
-- (tutti.assignment.wait), and the queue gauges count and age what still waits.
alter table conversation add column awaiting_agent_since timestamptz;

-- What waits already counts from when it was queued, else from when it opened.
update conversation set awaiting_agent_since = coalesce(queued_at, opened_at)
    where status = 'open' and assignee_id is null;

-- Small (only what waits), so the gauges' count and oldest are a short index scan.
create index conversation_awaiting_agent on conversation (awaiting_agent_since)
    where awaiting_agent_since is not null;
