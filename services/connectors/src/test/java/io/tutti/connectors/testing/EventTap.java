package io.tutti.connectors.testing;

import static org.awaitility.Awaitility.await;

import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
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

/**
 * Listens on the real broker to the events connectors publish: a fresh queue bound to {@code
 * tutti.events} for the given routing keys, read back as decoded envelopes.
 */
public final class EventTap implements AutoCloseable {

  private final Vertx vertx;
  private BrokerProbe broker;
  private final String queue = "test.connectors." + UUID.randomUUID();
  private final List<EventEnvelope> seen = new ArrayList<>();

  /**
   * Events that happened before the tap existed are not this test's, even when the relay publishes
   * them a moment after the queue was bound.
   */
  private final Instant since = Instant.now();

  public EventTap(Vertx vertx, String... routingKeys) {
    this.vertx = vertx;
    this.broker = new BrokerProbe(vertx, TuttiTestInfrastructure.vhost(ConnectorsTest.VHOST));
    broker.bindFreshQueue(queue, routingKeys[0], new JsonObject());
    for (int i = 1; i < routingKeys.length; i++) {
      broker.bind(queue, routingKeys[i]);
    }
  }

  /** Every event received so far that matches. */
  public synchronized List<EventEnvelope> events(Predicate<EventEnvelope> filter) {
    broker.drain(queue).forEach(message -> seen.add(EventCodec.decode(message.body().getBytes())));
    return seen.stream()
        .filter(event -> !event.occurredAt().isBefore(since))
        .filter(filter)
        .toList();
  }

  /** The events of one inbox (payload field {@code inboxId}). */
  public List<EventEnvelope> ofInbox(String inboxId) {
    return events(event -> inboxId.equals(inboxIdOf(event)));
  }

  /**
   * Opens a new connection to the same queue, after the broker was restarted under the old one. The
   * queue is durable, so whatever was routed to it meanwhile is still there.
   */
  public synchronized void reconnect() {
    try {
      broker.close();
    } catch (RuntimeException alreadyGone) {
      // The restart closed it already.
    }
    broker = new BrokerProbe(vertx, TuttiTestInfrastructure.vhost(ConnectorsTest.VHOST));
  }

  /** Waits until the inbox has {@code count} events, then checks no more arrive for a moment. */
  public List<EventEnvelope> awaitExactly(String inboxId, int count) {
    return awaitExactly(inboxId, count, Duration.ofSeconds(20));
  }

  public List<EventEnvelope> awaitExactly(String inboxId, int count, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ofInbox(inboxId).size() >= count);
    await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> true);
    return ofInbox(inboxId);
  }

  private static String inboxIdOf(EventEnvelope event) {
    try {
      var accessor = event.payload().getClass().getMethod("inboxId");
      return String.valueOf(accessor.invoke(event.payload()));
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  @Override
  public void close() {
    broker.deleteQueue(queue);
    broker.close();
  }
}
