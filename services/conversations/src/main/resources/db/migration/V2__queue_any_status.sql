-- An agent's queue without a status filter (every status, the API's default) walks the slices of what they may see
-- (assigned to them, their team, nobody's) in order; without these it sorted every conversation ever assigned to
-- them, which after a year of work is thousands.
create index conversation_queue_assignee_any on conversation (workspace_id, assignee_id, last_message_at, id);
create index conversation_queue_team_any on conversation (workspace_id, team_id, last_message_at, id);
create index conversation_queue_untaken_any on conversation (workspace_id, last_message_at, id)
    where assignee_id is null and team_id is null;
