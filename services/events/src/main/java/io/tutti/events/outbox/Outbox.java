package io.tutti.events.outbox;

import io.smallrye.mutiny.Uni;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.tutti.events.tracing.EventTracing;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one way a service emits an event: {@link #add} writes it in the caller's transaction, so the
 * event exists if and only if the state change it announces was committed. The {@link OutboxRelay}
 * publishes it afterwards.
 *
 * <p>The row keeps the trace the caller is in ({@link EventTracing#capture()}), so the event's
 * publication and its consumers continue that trace; with tracing off nothing is kept.
 *
 * <p>Call it from inside a transaction ({@code @WithTransaction} or {@code
 * Panache.withTransaction}).
 */
@ApplicationScoped
public class Outbox {

  private final OutboxEventRepository repository;
  private final EventTracing tracing;

  public Outbox(OutboxEventRepository repository, EventTracing tracing) {
    this.repository = repository;
    this.tracing = tracing;
  }

  public Uni<EventEnvelope> add(EventEnvelope envelope) {
    OutboxEvent row = new OutboxEvent();
    row.id = envelope.id();
    row.type = envelope.type();
    row.workspaceId = envelope.workspaceId();
    row.envelope = EventCodec.encodeToString(envelope);
    EventTracing.TraceHeaders trace = tracing.capture();
    if (trace != null) {
      row.traceparent = trace.traceparent();
      row.tracestate = trace.tracestate();
    }
    row.createdAt = envelope.occurredAt();
    row.nextAttemptAt = envelope.occurredAt();
    return repository.persist(row).replaceWith(envelope);
  }
}
