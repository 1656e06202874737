-- What the probe consumer's handler writes: one row per handling that committed.
create table probe_handled (
    event_id uuid         not null,
    name     varchar(200) not null
);
