package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.time.Instant;

/** A new conversation started (conversations). */
public record ConversationOpened(
    String conversationId,
    String contactId,
    String inboxId,
    String channel,
    String externalContactId,
    String status,
    String teamId,
    String assigneeId,
    Instant openedAt)
    implements EventPayload {

  @Override
  public String type() {
    return EventTypes.CONVERSATION_OPENED;
  }
}
