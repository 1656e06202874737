package io.tutti.conversations.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation as the queue lists it.
 *
 * @param lastMessageAt when the newest message the customer can see was sent
 * @param waitingSince when the customer's oldest unanswered message was sent; null once an agent
 *     replied after it
 * @param unreadCount the customer's messages the asking agent has not seen
 */
public record ConversationSummary(
    UUID id,
    String contactId,
    String contactName,
    String contactHandle,
    String channel,
    String inboxId,
    String status,
    Instant snoozeUntil,
    String priority,
    String assigneeId,
    UUID teamId,
    List<String> labels,
    String subject,
    String lastMessagePreview,
    Instant lastMessageAt,
    Instant waitingSince,
    int unreadCount) {

  public static ConversationSummary of(Conversation c, int unreadCount) {
    return new ConversationSummary(
        c.id,
        c.contactId,
        c.contactName,
        c.contactHandle,
        c.channel,
        c.inboxId,
        c.status,
        c.snoozeUntil,
        c.priority,
        c.assigneeId,
        c.teamId,
        List.copyOf(c.labels),
        c.subject,
        c.lastMessagePreview,
        c.lastMessageAt,
        c.waitingSince,
        unreadCount);
  }
}
