package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.time.Instant;
import java.util.List;

/**
 * A conversation's state changed (conversations). Carries the whole new state so a consumer never
 * needs an earlier event to make sense of it.
 *
 * @param changed which fields changed: status, assignee, team, priority, labels, contact, message
 * @param by agent id, or {@code rule:<id>} / {@code system}
 * @param inboxId the inbox the conversation belongs to
 * @param messages when {@code changed} has {@code message}: the messages whose delivery status or
 *     text changed, with their new state
 */
public record ConversationUpdated(
    String conversationId,
    String contactId,
    String channel,
    String status,
    Instant snoozeUntil,
    String assigneeId,
    String teamId,
    String priority,
    List<String> labels,
    List<String> changed,
    String by,
    String inboxId,
    List<MessageChange> messages)
    implements EventPayload {

  /** An update that names no inbox and no changed message. */
  public ConversationUpdated(
      String conversationId,
      String contactId,
      String channel,
      String status,
      Instant snoozeUntil,
      String assigneeId,
      String teamId,
      String priority,
      List<String> labels,
      List<String> changed,
      String by) {
    this(
        conversationId,
        contactId,
        channel,
        status,
        snoozeUntil,
        assigneeId,
        teamId,
        priority,
        labels,
        changed,
        by,
        null,
        null);
  }

  /**
   * The new state of one message of the conversation.
   *
   * @param status pending | sent | delivered | read | failed for a reply; null for others
   * @param errorCode the platform's code when failed
   * @param errorMessage the platform's message when failed
   * @param platformMessageId the platform's id once the message was sent
   * @param text the message's text, after an edit
   * @param editedAt when the customer last edited it
   */
  public record MessageChange(
      String messageId,
      String status,
      String errorCode,
      String errorMessage,
      String platformMessageId,
      String text,
      Instant editedAt) {}

  @Override
  public String type() {
    return EventTypes.CONVERSATION_UPDATED;
  }
}
