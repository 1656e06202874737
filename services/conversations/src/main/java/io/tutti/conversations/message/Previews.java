package io.tutti.conversations.message;

import java.util.List;

/** The one line the queue shows for a message. */
public final class Previews {

  static final int LENGTH = 200;

  private Previews() {}

  public static String of(Message message) {
    return of(message.text, message.attachments, message.template);
  }

  public static String of(
      String text, List<MessageAttachment> attachments, MessageTemplate template) {
    if (text != null && !text.isBlank()) {
      String line = text.strip().replaceAll("\\s+", " ");
      return line.length() <= LENGTH ? line : line.substring(0, LENGTH - 1) + "…";
    }
    if (template != null) {
      return "[template " + template.name() + "]";
    }
    if (attachments != null && !attachments.isEmpty()) {
      String type = attachments.getFirst().type();
      return "[" + (type == null || type.isBlank() ? "attachment" : type) + "]";
    }
    return "";
  }
}
