package io.tutti.conversations.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tutti.conversations.conversation.Conversation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as agents see it.
 *
 * @param direction in (the customer's) | out (an agent's)
 * @param kind in: message, postback, reaction; out: message, note
 * @param senderId the contact's id for inbound messages (null until profiles resolved it), the
 *     agent's user id for outbound ones
 * @param replyToMessageId the message this one answers or reacts to
 * @param status delivery of a reply: pending, sent, delivered, read or failed; null for inbound
 *     messages and notes
 * @param error why the platform refused the reply, when it failed
 * @param sentAt when the customer sent it, or the agent did: the thread's order
 * @param createdAt when Tutti stored it
 * @param editedAt when the customer last edited it
 */
public record MessageView(
    UUID id,
    UUID conversationId,
    String direction,
    String kind,
    String senderId,
    @JsonProperty("private") boolean isPrivate,
    String authorName,
    String text,
    String html,
    String subject,
    List<MessageAttachment> attachments,
    UUID replyToMessageId,
    MessageTemplate template,
    String status,
    Error error,
    String platformMessageId,
    Instant statusAt,
    Instant sentAt,
    Instant createdAt,
    Instant editedAt) {

  /** The platform's reason for refusing a reply. */
  public record Error(String code, String message) {}

  static MessageView of(Message m, Conversation conversation) {
    return new MessageView(
        m.id,
        m.conversationId,
        m.direction,
        m.kind,
        m.isInbound() ? conversation.contactId : m.senderId,
        m.isPrivate,
        m.authorName,
        m.text,
        m.html,
        m.subject,
        List.copyOf(m.attachments),
        m.replyToMessageId,
        m.template,
        m.status,
        m.errorCode == null && m.errorMessage == null
            ? null
            : new Error(m.errorCode, m.errorMessage),
        m.platformMessageId,
        m.statusAt,
        m.sentAt,
        m.createdAt,
        m.editedAt);
  }
}
