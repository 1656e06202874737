package io.tutti.connectors.email;

import io.tutti.connectors.inbound.InboundItem;
import java.util.List;
import java.util.UUID;

/**
 * One raw email as Tutti reads it: the item to hand to the pipeline, and the files it carried,
 * which Tutti keeps itself because email has no platform URL to fetch them from later.
 *
 * @param files empty unless {@code item} is a message
 */
public record ParsedEmail(InboundItem item, List<FileContent> files) {

  /** An attachment or inline part, decoded, under the id its URL in the event names. */
  public record FileContent(UUID id, String name, String contentType, byte[] content) {}

  static ParsedEmail ignored(String kind) {
    return new ParsedEmail(new InboundItem.Ignored(kind), List.of());
  }
}
