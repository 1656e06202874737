package io.tutti.events.consumer;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.tutti.events.EventEnvelope;
import io.tutti.events.outbox.Outbox;
import io.tutti.events.type.ContactUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A consumer like a service would write one. Its handler writes a row, then fails when the
 * contact's name asks it to: {@code always-fail}, or {@code fail-twice} on the first two
 * deliveries. For {@code hand-on} it adds an event of its own ({@code handed-on}), as handlers
 * announcing what they did do. It remembers which span was current when its database write came
 * back, to show that the consumer's trace stays current across the handler's asynchronous steps.
 */
@ApplicationScoped
public class ProbeConsumer {

  public static final String NAME = "events-test.probe";

  private final IdempotentConsumer consumer;
  private final Outbox outbox;
  private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  private final Map<UUID, SpanContext> spansSeen = new ConcurrentHashMap<>();
  private final Map<UUID, EventEnvelope> handedOn = new ConcurrentHashMap<>();

  public ProbeConsumer(IdempotentConsumer consumer, Outbox outbox) {
    this.consumer = consumer;
    this.outbox = outbox;
  }

  @Incoming("probe")
  Uni<Void> onEvent(Message<?> message) {
    message
        .getMetadata(IncomingRabbitMQMetadata.class)
        .flatMap(IncomingRabbitMQMetadata::getMessageId)
        .ifPresent(
            id -> deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
    return consumer.handle(NAME, message, this::record);
  }

  private Uni<Void> record(EventEnvelope event) {
    String name = ((ContactUpdated) event.payload()).name();
    int delivery = deliveries(event.id().toString());
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into probe_handled (event_id, name) values (:id, :name)")
                    .setParameter("id", event.id())
                    .setParameter("name", name)
                    .executeUpdate())
        .invoke(
            () -> {
              spansSeen.put(event.id(), Span.current().getSpanContext());
              if (name.equals("always-fail") || (name.equals("fail-twice") && delivery <= 2)) {
                throw new IllegalStateException("probe handler fails for " + name);
              }
            })
        .chain(() -> name.equals("hand-on") ? handOn(event) : Uni.createFrom().voidItem());
  }

  private Uni<Void> handOn(EventEnvelope event) {
    ContactUpdated contact = (ContactUpdated) event.payload();
    EventEnvelope next =
        EventEnvelope.of(
            "events-test",
            event.workspaceId(),
            event.id().toString(),
            new ContactUpdated(
                contact.contactId(), "handed-on", List.of(), List.of(), "lead", Map.of()));
    return outbox.add(next).invoke(added -> handedOn.put(event.id(), added)).replaceWithVoid();
  }

  /** The span current in the handler of the event after its database write; null before. */
  public SpanContext spanSeenBy(UUID eventId) {
    return spansSeen.get(eventId);
  }

  /** The event the handler added while handling a {@code hand-on} event; null before. */
  public EventEnvelope handedOnBy(UUID eventId) {
    return handedOn.get(eventId);
  }

  int deliveries(String eventId) {
    AtomicInteger count = deliveries.get(eventId);
    return count == null ? 0 : count.get();
  }
}
