package io.tutti.events.consumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.ContactUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A consumer like a service would write one. Its handler writes a row, then fails when the
 * contact's name asks it to: {@code always-fail}, or {@code fail-twice} on the first two
 * deliveries.
 */
@ApplicationScoped
public class ProbeConsumer {

  static final String NAME = "events-test.probe";

  private final IdempotentConsumer consumer;
  private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

  public ProbeConsumer(IdempotentConsumer consumer) {
    this.consumer = consumer;
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
              if (name.equals("always-fail") || (name.equals("fail-twice") && delivery <= 2)) {
                throw new IllegalStateException("probe handler fails for " + name);
              }
            })
        .replaceWithVoid();
  }

  int deliveries(String eventId) {
    AtomicInteger count = deliveries.get(eventId);
    return count == null ? 0 : count.get();
  }
}
