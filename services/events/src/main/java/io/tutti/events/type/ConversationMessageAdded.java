package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.time.Instant;

/**
 * A message joined a conversation, either way (conversations).
 *
 * @param direction in | out
 * @param senderId contact id for inbound, agent id for outbound
 * @param isPrivate a note for agents only
 */
public record ConversationMessageAdded(
    String conversationId,
    String messageId,
    String contactId,
    String channel,
    String direction,
    String senderId,
    boolean isPrivate,
    String preview,
    String status,
    Instant sentAt)
    implements EventPayload {

  @Override
  public String type() {
    return EventTypes.CONVERSATION_MESSAGE_ADDED;
  }
}
