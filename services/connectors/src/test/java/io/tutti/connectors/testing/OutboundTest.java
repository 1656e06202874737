package io.tutti.connectors.testing;

import static org.awaitility.Awaitility.await;

import io.tutti.events.EventEnvelope;
import io.tutti.events.type.MessageStatusChanged;
import java.time.Duration;
import java.util.List;

/**
 * A test of replies going out: it asks for them as conversations does and watches the statuses
 * connectors reports, while {@link FakePlatforms} plays the platform.
 */
public abstract class OutboundTest extends EventListeningTest {

  /** Every status reported so far for our message id, oldest first. */
  protected List<MessageStatusChanged> statuses(String messageId) {
    return tap
        .events(
            event ->
                event.payload() instanceof MessageStatusChanged status
                    && messageId.equals(status.messageId()))
        .stream()
        .map(EventEnvelope::payload)
        .map(MessageStatusChanged.class::cast)
        .toList();
  }

  /** Waits for the message to be reported with {@code status}, and answers that report. */
  protected MessageStatusChanged awaitStatus(String messageId, String status) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                statuses(messageId).stream()
                    .filter(s -> s.status().equals(status))
                    .findFirst()
                    .orElse(null),
            found -> found != null);
  }

  /** Waits a moment, then answers every status reported for the message. */
  protected List<MessageStatusChanged> settledStatuses(String messageId) {
    await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> true);
    return statuses(messageId);
  }
}
