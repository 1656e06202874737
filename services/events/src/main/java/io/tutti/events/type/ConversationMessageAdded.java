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
 * @param inboxId the conversation's inbox
 * @param teamId the conversation's team, so a listener can tell who may see it
 * @param assigneeId the conversation's assignee, for the same reason
 * @param kind message | postback | reaction (inbound); message | note (outbound)
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
    Instant sentAt,
    String inboxId,
    String teamId,
    String assigneeId,
    String kind)
    implements EventPayload {

  /** A message announced without the conversation's inbox, team, assignee or the message's kind. */
  public ConversationMessageAdded(
      String conversationId,
      String messageId,
      String contactId,
      String channel,
      String direction,
      String senderId,
      boolean isPrivate,
      String preview,
      String status,
      Instant sentAt) {
    this(
        conversationId,
        messageId,
        contactId,
        channel,
        direction,
        senderId,
        isPrivate,
        preview,
        status,
        sentAt,
        null,
        null,
        null,
        null);
  }

  @Override
  public String type() {
    return EventTypes.CONVERSATION_MESSAGE_ADDED;
  }
}
