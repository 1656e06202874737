package io.tutti.conversations.contact;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tutti.conversations.message.Message;
import io.tutti.conversations.message.MessageAttachment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One of a conversation's latest messages, in the names of the thread's {@code MessageView}, as the
 * contact's side panel shows it.
 *
 * @param direction in (the customer's) | out (an agent's)
 * @param kind in: message, postback, reaction; out: message, note
 * @param isPrivate an agent's note, which the customer never sees
 * @param text at most {@link #TEXT_LENGTH} characters; a longer one ends with "…"
 * @param status delivery of a reply; null for inbound messages and notes
 */
public record RecentMessage(
    UUID id,
    String direction,
    String kind,
    @JsonProperty("private") boolean isPrivate,
    String authorName,
    String text,
    List<Attachment> attachments,
    String status,
    Instant sentAt,
    Instant createdAt) {

  static final int TEXT_LENGTH = 500;

  /** A file of the message, without its URL: the panel names it, the thread opens it. */
  public record Attachment(String type, String name) {}

  static RecentMessage of(Message m) {
    return new RecentMessage(
        m.id,
        m.direction,
        m.kind,
        m.isPrivate,
        m.authorName,
        cut(m.text),
        m.attachments.stream().map(RecentMessage::attachment).toList(),
        m.status,
        m.sentAt,
        m.createdAt);
  }

  private static Attachment attachment(MessageAttachment a) {
    return new Attachment(a.type(), a.name());
  }

  static String cut(String text) {
    if (text == null || text.length() <= TEXT_LENGTH) {
      return text;
    }
    int end = TEXT_LENGTH - 1;
    // Never split a character outside the BMP (an emoji) in two.
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
