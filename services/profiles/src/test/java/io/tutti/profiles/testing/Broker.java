package io.tutti.profiles.testing;

import com.rabbitmq.client.AMQP;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventPayload;
import io.tutti.events.testing.BrokerProbe;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The real broker as other services see it: publishes what connectors and attribution would, and
 * hears every {@code contact.*} event profiles publishes on a fresh queue of its own.
 */
public final class Broker implements AutoCloseable {

  private final BrokerProbe probe;
  private final String queue = "test.profiles." + UUID.randomUUID();
  private final List<EventEnvelope> seen = new ArrayList<>();

  /** Events from before this test are not its own, even when the relay publishes them late. */
  private final Instant since = Instant.now();

  public Broker(Vertx vertx) {
    probe = new BrokerProbe(vertx, TuttiTestInfrastructure.vhost(ProfilesTest.VHOST));
    probe.bindFreshQueue(queue, "contact.*", new JsonObject());
  }

  /** Publishes an event as another service would; answers it. */
  public EventEnvelope publish(String source, String workspaceId, EventPayload payload) {
    EventEnvelope event = EventEnvelope.of(source, workspaceId, null, payload);
    publish(event);
    return event;
  }

  /** Publishes the envelope as it is, e.g. a second time as the broker would redeliver it. */
  public void publish(EventEnvelope event) {
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .messageId(event.id().toString())
            .build();
    probe.publish(event.type(), properties, EventCodec.encode(event));
  }

  /** Every event heard so far that matches. */
  public synchronized List<EventEnvelope> events(Predicate<EventEnvelope> filter) {
    probe.drain(queue).forEach(message -> seen.add(EventCodec.decode(message.body().getBytes())));
    return seen.stream()
        .filter(event -> !event.occurredAt().isBefore(since))
        .filter(filter)
        .toList();
  }

  /** Waits for the first event that matches. */
  public EventEnvelope await(Predicate<EventEnvelope> filter) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> events(filter), found -> !found.isEmpty())
        .getFirst();
  }

  /** Waits for the first event of a type whose payload matches. */
  @SuppressWarnings("unchecked")
  public <T extends EventPayload> T await(Class<T> type, Predicate<T> filter) {
    return (T)
        await(event -> type.isInstance(event.payload()) && filter.test((T) event.payload()))
            .payload();
  }

  /** Every event of a type whose payload matches, heard so far. */
  @SuppressWarnings("unchecked")
  public <T extends EventPayload> List<T> all(Class<T> type, Predicate<T> filter) {
    return events(event -> type.isInstance(event.payload()) && filter.test((T) event.payload()))
        .stream()
        .map(event -> (T) event.payload())
        .toList();
  }

  @Override
  public void close() {
    probe.deleteQueue(queue);
    probe.close();
  }
}
