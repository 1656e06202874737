package io.tutti.conversations.message;

import io.tutti.events.type.OutboundRequested;
import java.util.List;

/** A WhatsApp message template an agent sent instead of free text. */
public record MessageTemplate(String name, String language, List<String> parameters) {

  public OutboundRequested.Template toEvent() {
    return new OutboundRequested.Template(name, language, parameters);
  }
}
