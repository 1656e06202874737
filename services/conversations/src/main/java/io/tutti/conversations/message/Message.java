package io.tutti.conversations.message;

import io.tutti.events.type.Referral;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One message of a conversation, either way, or an agent's private note. */
@Entity
@Table(name = "message")
public class Message {

  /** What an inbound message is: text and files. */
  public static final String KIND_MESSAGE = "message";

  /** The customer chose a button, quick reply or list item; its title is the text. */
  public static final String KIND_POSTBACK = "postback";

  /** An emoji on the message {@code replyToMessageId}. */
  public static final String KIND_REACTION = "reaction";

  /** An agent's private note: never sent, no delivery status. */
  public static final String KIND_NOTE = "note";

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "conversation_id", nullable = false)
  public UUID conversationId;

  @Column(name = "inbox_id", nullable = false)
  public String inboxId;

  @Column(name = "external_contact_id", nullable = false)
  public String externalContactId;

  @Column(nullable = false)
  public String direction;

  @Column(nullable = false)
  public String kind;

  @Column(name = "private", nullable = false)
  public boolean isPrivate;

  @Column(name = "sender_id")
  public String senderId;

  @Column(name = "author_name")
  public String authorName;

  public String text;

  public String html;

  public String subject;

  @Convert(converter = JsonListConverters.Attachments.class)
  @Column(nullable = false)
  public List<MessageAttachment> attachments = new ArrayList<>();

  @Column(name = "platform_message_id")
  public String platformMessageId;

  @Column(name = "reply_to_platform_message_id")
  public String replyToPlatformMessageId;

  @Column(name = "reply_to_message_id")
  public UUID replyToMessageId;

  /** Email: the Message-IDs of the thread, oldest first (References header). */
  @Convert(converter = JsonListConverters.Texts.class)
  @Column(name = "email_references")
  public List<String> references;

  @JdbcTypeCode(SqlTypes.JSON)
  public MessageTemplate template;

  @JdbcTypeCode(SqlTypes.JSON)
  public Referral referral;

  public String status;

  @Column(name = "error_code")
  public String errorCode;

  @Column(name = "error_message")
  public String errorMessage;

  @Column(name = "status_at")
  public Instant statusAt;

  @Column(name = "sent_at", nullable = false)
  public Instant sentAt;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "edited_at")
  public Instant editedAt;

  public boolean isInbound() {
    return Direction.IN.equals(direction);
  }
}
