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
 * @param externalContactId the customer the message went to, when the platform says
 * @param watermark set instead of an id when the platform reports every message to {@code
 *     externalContactId} up to this instant at once (Messenger delivery and read watermarks)
 */
public record MessageStatusChanged(
    String inboxId,
    String channel,
    String messageId,
    String platformMessageId,
    String status,
    Error error,
    Instant at,
    String externalContactId,
    Instant watermark)
    implements EventPayload {

  /** The platform's own error code and message. */
  public record Error(String code, String message) {}

  public static final String SENT = "sent";
  public static final String DELIVERED = "delivered";
  public static final String READ = "read";
  public static final String FAILED = "failed";

  @Override
  public String type() {
    return EventTypes.MESSAGE_STATUS_CHANGED;
  }
}
