-- The trace of the outbound.requested command a reply came with (W3C traceparent/tracestate), so the platform call
-- made later by the dispatcher continues it. Null when tracing is off.
alter table outbound_message
    add column traceparent varchar(100),
    add column tracestate  varchar(512);
