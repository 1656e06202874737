package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.time.Instant;

/**
 * The platform reported what happened to a message we sent (connectors).
 *
 * @param messageId our message id when known
 * @param platformMessageId the platform's id when our id is not known (receipts)
 * @param status sent | delivered | read | failed
 * @param error the platform's code and message when failed
 */
public record MessageStatusChanged(
    String inboxId,
    String channel,
    String messageId,
    String platformMessageId,
    String status,
    Error error,
    Instant at)
    implements EventPayload {

  /** The platform's own error code and message. */
  public record Error(String code, String message) {}

  @Override
  public String type() {
    return EventTypes.MESSAGE_STATUS_CHANGED;
  }
}
