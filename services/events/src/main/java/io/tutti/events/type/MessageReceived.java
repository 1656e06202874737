package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.time.Instant;
import java.util.List;

/**
 * A customer wrote on a channel (connectors).
 *
 * @param kind what the customer did: {@code message} (the default), {@code postback} (chose a
 *     button, quick reply or list item; the choice's title is the text), {@code reaction} (an emoji
 *     on the message {@code replyToPlatformMessageId}), {@code edit} (a new text for the earlier
 *     message with the same {@code platformMessageId})
 * @param contactHandle phone number (E.164 where the platform gives one), email address or
 *     username, when known
 * @param subject the email subject; null on other channels
 * @param html sanitised HTML body of an email; {@code text} always carries the plain version
 * @param references earlier Message-IDs an email refers to (References header), oldest first
 */
public record MessageReceived(
    String inboxId,
    String channel,
    String externalContactId,
    String contactName,
    String contactHandle,
    String platformMessageId,
    String text,
    List<Attachment> attachments,
    String replyToPlatformMessageId,
    Instant sentAt,
    Referral referral,
    String kind,
    String subject,
    String html,
    List<String> references)
    implements EventPayload {

  public static final String KIND_MESSAGE = "message";
  public static final String KIND_POSTBACK = "postback";
  public static final String KIND_REACTION = "reaction";
  public static final String KIND_EDIT = "edit";

  /** This message with other attachments, e.g. with the URLs where Tutti serves them. */
  public MessageReceived withAttachments(List<Attachment> replaced) {
    return new MessageReceived(
        inboxId,
        channel,
        externalContactId,
        contactName,
        contactHandle,
        platformMessageId,
        text,
        replaced,
        replyToPlatformMessageId,
        sentAt,
        referral,
        kind,
        subject,
        html,
        references);
  }

  @Override
  public String type() {
    return EventTypes.MESSAGE_RECEIVED;
  }
}
