package io.tutti.connectors.outbound;

import io.tutti.events.type.Attachment;
import java.util.ArrayList;
import java.util.List;

/** The rules every platform sender shares when it turns a reply into requests. */
public final class PartPlanner {

  private PartPlanner() {}

  /** Refuses a WhatsApp template on any other platform. */
  public static void refuseTemplate(Delivery delivery, String platform) {
    if (delivery.command().template() != null) {
      throw SendFailure.permanent(
          "template-not-supported",
          "Message templates are a WhatsApp feature; write the reply to " + platform + " as text.");
    }
  }

  /** The reply's attachments, each with a web URL the platform can fetch itself. */
  public static List<Attachment> fetchableAttachments(Delivery delivery, String platform) {
    List<Attachment> attachments =
        delivery.command().attachments() == null ? List.of() : delivery.command().attachments();
    for (Attachment attachment : attachments) {
      String url = attachment.url();
      if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
        throw SendFailure.permanent(
            "attachment-url",
            platform + " fetches attachments itself and needs a web URL for each.");
      }
    }
    return attachments;
  }

  /**
   * The text split to the platform's limit, then one part per attachment: the shape of every
   * platform that takes one attachment per message.
   */
  public static List<Part> textThenEachAttachment(
      Delivery delivery, int maxText, TextSplitter.Measure measure, int maxParts, String platform) {
    List<Part> parts = new ArrayList<>();
    if (delivery.hasText()) {
      TextSplitter.split(delivery.text(), maxText, measure, maxParts, platform)
          .forEach(text -> parts.add(Part.text(parts.size(), text)));
    }
    for (Attachment attachment : fetchableAttachments(delivery, platform)) {
      parts.add(Part.attachment(parts.size(), attachment));
    }
    return notEmpty(parts);
  }

  /** Refuses a reply with neither text nor attachments. */
  public static <T> List<T> notEmpty(List<T> parts) {
    if (parts.isEmpty()) {
      throw SendFailure.permanent("empty", "The reply has neither text nor attachments.");
    }
    return parts;
  }
}
