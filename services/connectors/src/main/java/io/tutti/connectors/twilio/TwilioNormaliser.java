package io.tutti.connectors.twilio;

import io.tutti.connectors.inbound.InboundItem;
import io.tutti.connectors.inbound.Text;
import io.tutti.connectors.inbound.Webhooks;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.MessageStatusChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Twilio Messaging webhooks to Tutti items: an incoming SMS or MMS (with {@code NumMedia} media as
 * attachments), or a status callback for one we sent ({@code MessageStatus}: sent, delivered, read,
 * undelivered and failed, with {@code ErrorCode}). Stored but ignored: the interim statuses
 * (queued, accepted, sending, scheduled, canceled, receiving, received).
 */
public final class TwilioNormaliser {

  /** Twilio caps MMS at 10 media; more than that is not a Twilio request. */
  private static final int MAX_MEDIA = 10;

  private TwilioNormaliser() {}

  public static InboundItem normalise(FormBody form, InboxContext inbox) {
    String sid = form.get("MessageSid");
    if (sid == null) {
      sid = form.get("SmsSid");
    }
    if (sid == null || sid.isBlank()) {
      throw Webhooks.malformed("MessageSid is required.");
    }
    String status = form.get("MessageStatus");
    if (status != null) {
      return status(form, inbox, sid, status.toLowerCase(Locale.ROOT));
    }
    String from = form.get("From");
    if (from == null || from.isBlank()) {
      throw Webhooks.malformed("From is required.");
    }
    int media = mediaCount(form.get("NumMedia"));
    List<Attachment> attachments = new ArrayList<>();
    for (int i = 0; i < media; i++) {
      String url = form.get("MediaUrl" + i);
      if (url == null) {
        throw Webhooks.malformed("NumMedia is " + media + " but MediaUrl" + i + " is missing.");
      }
      String contentType = form.get("MediaContentType" + i);
      attachments.add(new Attachment(attachmentType(contentType), url, null, null, contentType));
    }
    String body = Text.blankToNull(form.get("Body"));
    if (body == null && attachments.isEmpty()) {
      return new InboundItem.Ignored("message:empty");
    }
    return InboundItem.message(
        inbox,
        sid,
        new MessageReceived(
            inbox.id().toString(),
            "sms",
            from,
            null,
            from,
            sid,
            body,
            attachments,
            null,
            Instant.now(),
            null,
            MessageReceived.KIND_MESSAGE,
            null,
            null,
            List.of()));
  }

  private static InboundItem status(FormBody form, InboxContext inbox, String sid, String status) {
    String mapped =
        switch (status) {
          case "sent" -> MessageStatusChanged.SENT;
          case "delivered" -> MessageStatusChanged.DELIVERED;
          case "read" -> MessageStatusChanged.READ;
          case "undelivered", "failed" -> MessageStatusChanged.FAILED;
          default -> null;
        };
    if (mapped == null) {
      return new InboundItem.Ignored("status:" + status);
    }
    String code = form.get("ErrorCode");
    MessageStatusChanged.Error error =
        mapped.equals(MessageStatusChanged.FAILED)
            ? new MessageStatusChanged.Error(
                code, form.get("ErrorMessage") != null ? form.get("ErrorMessage") : status)
            : null;
    return InboundItem.status(
        inbox,
        "status:" + sid + ":" + mapped,
        new MessageStatusChanged(
            inbox.id().toString(),
            "sms",
            null,
            sid,
            mapped,
            error,
            Instant.now(),
            form.get("To"),
            null));
  }

  private static int mediaCount(String numMedia) {
    if (numMedia == null || numMedia.isBlank()) {
      return 0;
    }
    try {
      int count = Integer.parseInt(numMedia.strip());
      if (count < 0 || count > MAX_MEDIA) {
        throw Webhooks.malformed("NumMedia must be between 0 and " + MAX_MEDIA + ".");
      }
      return count;
    } catch (NumberFormatException e) {
      throw Webhooks.malformed("NumMedia must be a number.");
    }
  }

  private static String attachmentType(String contentType) {
    if (contentType == null) {
      return "file";
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("image/")) {
      return "image";
    }
    if (type.startsWith("video/")) {
      return "video";
    }
    if (type.startsWith("audio/")) {
      return "audio";
    }
    return "file";
  }
}
