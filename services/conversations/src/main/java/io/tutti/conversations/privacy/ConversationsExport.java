package io.tutti.conversations.privacy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tutti.conversations.message.MessageAttachment;
import io.tutti.conversations.message.MessageTemplate;
import io.tutti.events.type.Referral;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything conversations holds on one contact (GDPR access): each of their conversations on every
 * channel, with every message of it, private notes included, and its activity.
 *
 * @param contactId the contact asked about; conversations of contacts merged into it are its own
 *     since the merge
 */
public record ConversationsExport(
    String contactId, Instant exportedAt, List<ConversationRecord> conversations) {

  /**
   * One conversation, oldest first in the export.
   *
   * @param externalContactId the customer's id on the channel (PSID, wa_id, phone, email, visitor
   *     id)
   * @param messages in the thread's order (the customer's {@code sentAt}, then id)
   * @param activity oldest first
   */
  public record ConversationRecord(
      UUID id,
      String contactId,
      String contactName,
      String contactHandle,
      String channel,
      String inboxId,
      String externalContactId,
      String subject,
      String status,
      String priority,
      String assigneeId,
      UUID teamId,
      List<String> labels,
      Instant openedAt,
      Instant firstReplyAt,
      Instant resolvedAt,
      Instant lastMessageAt,
      List<MessageRecord> messages,
      List<ActivityRecord> activity) {}

  /**
   * One message, either way, or an agent's private note.
   *
   * @param direction in (the customer's) | out (an agent's, a rule's)
   * @param kind message, postback, reaction or note
   * @param referral the ad or link that brought the customer's message, when the platform sent one
   */
  public record MessageRecord(
      UUID id,
      String direction,
      String kind,
      @JsonProperty("private") boolean isPrivate,
      String senderId,
      String authorName,
      String text,
      String html,
      String subject,
      List<MessageAttachment> attachments,
      MessageTemplate template,
      Referral referral,
      String platformMessageId,
      String replyToPlatformMessageId,
      UUID replyToMessageId,
      String status,
      String errorCode,
      String errorMessage,
      Instant statusAt,
      Instant sentAt,
      Instant createdAt,
      Instant editedAt) {}

  /** One thing that happened to the conversation, and who or what did it. */
  public record ActivityRecord(
      UUID id, String type, String actor, Map<String, Object> details, Instant at) {}
}
