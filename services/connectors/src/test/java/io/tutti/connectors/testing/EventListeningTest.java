package io.tutti.connectors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.events.EventTypes;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test that watches what connectors publishes: before each test a fresh {@link EventTap} on the
 * real broker hears every {@code message.received} and {@code message.status-changed}.
 */
public abstract class EventListeningTest {

  @Inject protected Vertx vertx;

  protected EventTap tap;

  @BeforeEach
  void listen() {
    tap = new EventTap(vertx, EventTypes.MESSAGE_RECEIVED, EventTypes.MESSAGE_STATUS_CHANGED);
  }

  /** A refused delivery left no trace: nothing stored for the inbox, no event published. */
  protected void assertNothingStoredOrPublished(String inboxId) {
    assertThat(Deliveries.count(inboxId)).as("deliveries stored for inbox %s", inboxId).isZero();
    assertThat(tap.awaitExactly(inboxId, 0)).as("events of inbox %s", inboxId).isEmpty();
  }

  @AfterEach
  void stopListening() {
    tap.close();
  }
}
