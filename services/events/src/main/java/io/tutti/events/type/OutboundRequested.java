package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.util.List;

/**
 * An agent's reply must go out on the customer's channel (conversations → connectors). Connectors
 * answers with {@code message.status-changed} for {@code messageId}: {@code sent}, later {@code
 * delivered} / {@code read}, or {@code failed} with the reason.
 *
 * @param messageId the message in conversations; connectors sends each id at most once
 * @param externalContactId the customer on the channel (PSID, IGSID, wa_id, phone, chat id, email
 *     address, visitor id), as {@code message.received} named them
 * @param replyToPlatformMessageId the platform id of the customer's message this answers, for the
 *     platforms that show a quoted reply (WhatsApp, Telegram) and for email threading
 * @param subject email only: the thread's subject (connectors adds {@code Re:} when missing)
 * @param references email only: Message-IDs of the thread, oldest first (References header)
 * @param template WhatsApp only: an approved template, sent instead of {@code text}; the one kind
 *     of message WhatsApp allows outside its 24-hour customer service window
 * @param authorName the agent's display name, shown by the website chat
 */
public record OutboundRequested(
    String messageId,
    String conversationId,
    String inboxId,
    String channel,
    String externalContactId,
    String text,
    List<Attachment> attachments,
    String replyToPlatformMessageId,
    String subject,
    List<String> references,
    Template template,
    String authorName)
    implements EventPayload {

  /** A reply with text and attachments only, the shape every channel takes. */
  public OutboundRequested(
      String messageId,
      String conversationId,
      String inboxId,
      String channel,
      String externalContactId,
      String text,
      List<Attachment> attachments,
      String replyToPlatformMessageId) {
    this(
        messageId,
        conversationId,
        inboxId,
        channel,
        externalContactId,
        text,
        attachments,
        replyToPlatformMessageId,
        null,
        null,
        null,
        null);
  }

  /**
   * A WhatsApp message template approved in Meta's WhatsApp Manager.
   *
   * @param name the template's name, e.g. {@code order_update}
   * @param language its language code, e.g. {@code en_US}
   * @param parameters values for the body's {@code {{1}}}, {@code {{2}}}, … in order
   */
  public record Template(String name, String language, List<String> parameters) {}

  @Override
  public String type() {
    return EventTypes.OUTBOUND_REQUESTED;
  }
}
