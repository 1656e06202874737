package io.tutti.gateway.live;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/** What the live socket's Quarkus tests share. */
final class LiveTests {

  private LiveTests() {}

  /** A workspace no other test uses. */
  static String workspace(String name) {
    return name + "-" + UUID.randomUUID();
  }

  static String id() {
    return UUID.randomUUID().toString();
  }

  /**
   * Waits until the gateway consumes its queue: an admin of a workspace of its own is sent events
   * until one reaches them (an event published before the queue is bound would be dropped).
   */
  static void awaitConsuming(LiveWorld.Running world, URI live, TestEvents events) {
    String probe = workspace("probe");
    try (LiveClient admin =
        LiveClient.ready(world.vertx, live, world.tokens.of("ada", probe, "admin"))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                events.opened(probe, id(), null, null);
                return !admin.events().isEmpty();
              });
    }
  }
}
