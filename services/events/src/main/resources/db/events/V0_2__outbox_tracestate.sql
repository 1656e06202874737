-- The rest of the W3C trace context the event was written in (traceparent is already kept): vendors' entries that
-- the relay's publish span and the consumers carry on. Null when nothing was traced, as always with tracing off.
alter table outbox_event add column tracestate varchar(512);
