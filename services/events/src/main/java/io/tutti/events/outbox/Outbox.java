package io.tutti.events.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.mutiny.Uni;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one way a service emits an event: {@link #add} writes it in the caller's transaction, so the
 * event exists if and only if the state change it announces was committed. The {@link OutboxRelay}
 * publishes it afterwards.
 *
 * <p>Call it from inside a transaction ({@code @WithTransaction} or {@code
 * Panache.withTransaction}).
 */
@ApplicationScoped
public class Outbox {

  private final OutboxEventRepository repository;

  public Outbox(OutboxEventRepository repository) {
    this.repository = repository;
  }

  public Uni<EventEnvelope> add(EventEnvelope envelope) {
    OutboxEvent row = new OutboxEvent();
    row.id = envelope.id();
    row.type = envelope.type();
    row.workspaceId = envelope.workspaceId();
    row.envelope = EventCodec.encodeToString(envelope);
    row.traceparent = currentTraceparent();
    row.createdAt = envelope.occurredAt();
    row.nextAttemptAt = envelope.occurredAt();
    return repository.persist(row).replaceWith(envelope);
  }

  private static String currentTraceparent() {
    SpanContext context = Span.current().getSpanContext();
    if (!context.isValid()) {
      return null;
    }
    return "00-"
        + context.getTraceId()
        + "-"
        + context.getSpanId()
        + "-"
        + context.getTraceFlags().asHex();
  }
}
