-- A workspace of a realistic size for the queue benchmark: :conversations conversations with
-- :messages messages each, spread over every channel, status, team, assignee and label the queue filters
-- by. Run by seed.sh against the running system's tutti_conversations; it writes only rows of workspace
-- :'workspace', and running it again first removes that workspace's rows.
\set ON_ERROR_STOP on
\timing on

begin;
delete from conversation_read where conversation_id in (select id from conversation where workspace_id = :'workspace');
delete from conversation_activity where workspace_id = :'workspace';
delete from message where workspace_id = :'workspace';
delete from conversation where workspace_id = :'workspace';
delete from team_member where workspace_id = :'workspace';
delete from team where workspace_id = :'workspace';
commit;

-- seed.sh 0 only removes them.
select :conversations > 0 as seeding \gset
\if :seeding
insert into team (id, workspace_id, name, description, created_at, updated_at)
select ('00000000-0000-4000-8000-00000000000' || t)::uuid, :'workspace', 'Team ' || t, 'bench', now(), now()
from generate_series(1, 5) t;
insert into team_member (team_id, agent_id, workspace_id)
select ('00000000-0000-4000-8000-00000000000' || (1 + a % 5))::uuid, 'bench-agent-' || a, :'workspace'
from generate_series(1, 50) a;

-- Conversations in batches, so progress shows and no transaction holds a million rows of WAL. Each attribute is
-- drawn from its own hash of the row number, so channel, status, team, assignee and words are independent of one
-- another, as they are in a real workspace.
select format($f$
insert into conversation (id, workspace_id, inbox_id, channel, external_contact_id, contact_id, contact_name,
    contact_handle, status, priority, assignee_id, team_id, labels, last_message_at, last_message_preview,
    last_reply_at, waiting_since, activity_changed_at, inbound_count, opened_at, first_reply_at, resolved_at,
    updated_at, search)
select gen_random_uuid(), %1$L, 'bench-inbox-' || (h1 %% 7),
    (array['instagram','messenger','whatsapp','sms','telegram','email','web'])[1 + h1 %% 7],
    'bench-customer-' || i, 'bench-contact-' || (i / 2), 'Customer ' || i, '+4915' || lpad(i::text, 9, '0'),
    (array['open','open','open','pending','resolved','resolved','resolved','resolved'])[1 + h2 %% 8],
    (array['none','none','none','low','medium','high','urgent'])[1 + h4 %% 7],
    case when h3 %% 3 = 0 then null else 'bench-agent-' || (1 + (h3 / 3) %% 50) end,
    case when (h3 / 150) %% 4 = 0 then null else ('00000000-0000-4000-8000-00000000000' || (1 + (h3 / 600) %% 5))::uuid end,
    case when h4 %% 10 = 0 then array['vip'] when h4 %% 10 = 1 then array['refund','billing'] else '{}' end,
    at, (array['Where is my order?','Do you ship to Lisbon?','I want a refund','Is it in stock?'])[1 + (h4 / 10) %% 4],
    case when h2 %% 2 = 0 then at - interval '1 minute' end,
    case when h2 %% 2 = 1 then at end,
    at, %3$s, at - interval '3 days', case when h2 %% 2 = 0 then at - interval '2 days' end,
    case when h2 %% 8 >= 4 then at + interval '1 hour' end, at,
    to_tsvector('simple', 'customer ' || i || ' ' ||
      (array['order late parcel','ship lisbon delivery','refund invoice billing','stock size blue'])[1 + (h4 / 10) %% 4])
from (select i, now() - (i * interval '20 seconds') as at, abs(hashint4(i)) as h1,
      abs(hashint4(i + 1000003)) as h2, abs(hashint4(i + 2000003)) as h3, abs(hashint4(i + 3000017)) as h4
    from generate_series(%2$s, %4$s) i) s
$f$, :'workspace', b * 100000 + 1, :messages, least((b + 1) * 100000, :conversations))
from generate_series(0, (:conversations - 1) / 100000) b
\gexec

-- Messages of every conversation: the customer's and the agent's in turn, the last one at its last activity.
select format($f$
insert into message (id, workspace_id, conversation_id, inbox_id, external_contact_id, direction, kind, private,
    sender_id, text, attachments, status, sent_at, created_at)
select gen_random_uuid(), c.workspace_id, c.id, c.inbox_id, c.external_contact_id,
    case when k %% 2 = 0 then 'in' else 'out' end, 'message', false,
    case when k %% 2 = 0 then c.contact_id else c.assignee_id end,
    (array['Hello!','Where is my order?','It shipped yesterday','Thanks a lot','Can I return it?'])[1 + k %% 5],
    '[]', case when k %% 2 = 1 then 'delivered' end,
    c.last_message_at - ((%2$s - k) * interval '1 minute'), c.last_message_at - ((%2$s - k) * interval '1 minute')
from conversation c, generate_series(1, %2$s) k
where c.workspace_id = %1$L and c.inbox_id = 'bench-inbox-' || %3$s
$f$, :'workspace', :messages, inbox)
from generate_series(0, 6) inbox
\gexec

\endif
analyze conversation;
analyze message;
select count(*) as conversations from conversation where workspace_id = :'workspace';
select count(*) as messages from message where workspace_id = :'workspace';
