package io.tutti.events.testing;

import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Listens on the real broker to what the service under test publishes: a fresh queue bound to
 * {@code tutti.events} for the given types, read back as decoded envelopes of one workspace.
 */
public final class EventListener implements AutoCloseable {

  private final BrokerProbe broker;
  private final String queue = "test.listener." + UUID.randomUUID();
  private final List<EventEnvelope> seen = new ArrayList<>();

  public EventListener(Vertx vertx, String virtualHost, String... types) {
    broker = new BrokerProbe(vertx, virtualHost);
    broker.bindFreshQueue(queue, types[0], new JsonObject());
    for (int i = 1; i < types.length; i++) {
      broker.bind(queue, types[i]);
    }
  }

  /** Every event of the workspace received so far, of the given type, in the order published. */
  public synchronized List<EventEnvelope> of(String workspaceId, String type) {
    broker.drain(queue).forEach(message -> seen.add(EventCodec.decode(message.body().getBytes())));
    return seen.stream()
        .filter(event -> event.workspaceId().equals(workspaceId))
        .filter(event -> event.type().equals(type))
        .toList();
  }

  /** Waits until the workspace has at least {@code count} events of the type; answers them. */
  public List<EventEnvelope> await(String workspaceId, String type, int count) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> of(workspaceId, type), events -> events.size() >= count);
  }

  /** The payloads of the workspace's events of one type, cast to their record. */
  public <T> List<T> payloads(String workspaceId, String type, Class<T> payloadType) {
    return of(workspaceId, type).stream().map(e -> payloadType.cast(e.payload())).toList();
  }

  @Override
  public void close() {
    broker.deleteQueue(queue);
    broker.close();
  }
}
