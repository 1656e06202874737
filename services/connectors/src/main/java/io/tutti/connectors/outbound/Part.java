package io.tutti.connectors.outbound;

import io.tutti.events.type.Attachment;
import java.util.List;

/**
 * One request to a platform that a reply becomes: long text is split and some platforms take one
 * attachment per message, so a reply may be several parts, sent in order.
 *
 * @param index position in the reply, from 0; only the first carries the reply-to context
 */
public record Part(int index, String text, List<Attachment> attachments) {

  public static Part text(int index, String text) {
    return new Part(index, text, List.of());
  }

  public static Part attachment(int index, Attachment attachment) {
    return new Part(index, null, List.of(attachment));
  }

  public boolean first() {
    return index == 0;
  }

  /** The part's one attachment (for platforms that take one per message). */
  public Attachment attachment() {
    return attachments.isEmpty() ? null : attachments.getFirst();
  }
}
