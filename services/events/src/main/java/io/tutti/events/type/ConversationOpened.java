package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.time.Instant;

/**
 * A new conversation started (conversations).
 *
 * @param contactName the customer's name as the channel gave it, for a live queue entry
 * @param subject the email subject that opened it; null on other channels
 */
public record ConversationOpened(
    String conversationId,
    String contactId,
    String inboxId,
    String channel,
    String externalContactId,
    String status,
    String teamId,
    String assigneeId,
    Instant openedAt,
    String contactName,
    String subject)
    implements EventPayload {

  /** A conversation opened without the customer's name or a subject. */
  public ConversationOpened(
      String conversationId,
      String contactId,
      String inboxId,
      String channel,
      String externalContactId,
      String status,
      String teamId,
      String assigneeId,
      Instant openedAt) {
    this(
        conversationId,
        contactId,
        inboxId,
        channel,
        externalContactId,
        status,
        teamId,
        assigneeId,
        openedAt,
        null,
        null);
  }

  @Override
  public String type() {
    return EventTypes.CONVERSATION_OPENED;
  }
}
