package io.tutti.conversations.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One conversation with what an agent needs beside the reply box.
 *
 * @param externalContactId the customer's id on the channel
 * @param firstReplyAt when an agent first replied
 * @param resolvedAt when it was resolved; null while it is not
 * @param otherConversations the contact's other conversations on every channel (or, before profiles
 *     resolved the contact, the identity's earlier ones) that the agent may see, most recently
 *     active first
 */
public record ConversationDetail(
    UUID id,
    String contactId,
    String contactName,
    String contactHandle,
    String externalContactId,
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
    int unreadCount,
    Instant openedAt,
    Instant firstReplyAt,
    Instant resolvedAt,
    Instant updatedAt,
    List<ConversationSummary> otherConversations) {

  static ConversationDetail of(
      Conversation c, int unreadCount, List<ConversationSummary> otherConversations) {
    return new ConversationDetail(
        c.id,
        c.contactId,
        c.contactName,
        c.contactHandle,
        c.externalContactId,
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
        unreadCount,
        c.openedAt,
        c.firstReplyAt,
        c.resolvedAt,
        c.updatedAt,
        otherConversations);
  }
}
