package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;

/**
 * A channel identity belongs to this contact (profiles).
 *
 * @param created whether the contact was created by this resolution
 * @param messageEventId the {@code message.received} event that asked for it, when one did
 */
public record ContactResolved(
    String contactId,
    String channel,
    String externalContactId,
    String inboxId,
    boolean created,
    String messageEventId)
    implements EventPayload {

  @Override
  public String type() {
    return EventTypes.CONTACT_RESOLVED;
  }
}
