-- The files that came with emails (attachments and inline images). Email has no platform URL to fetch them from
-- later, so Tutti keeps the bytes and serves them to the inbox's workspace. Written in the same transaction as the
-- delivery that carried them; an id is derived from the inbox, the Message-ID and the part's position, so a
-- re-delivered email writes nothing twice.
create table email_attachment (
    id           uuid primary key,
    inbox_id     uuid         not null references inbox (id),
    workspace_id varchar(100) not null,
    name         varchar(255) not null,
    content_type varchar(255) not null,
    size         bigint       not null,
    content      bytea        not null,
    created_at   timestamptz  not null
);

create index email_attachment_inbox on email_attachment (inbox_id, created_at);
