package io.tutti.connectors.inbound;

import io.tutti.events.EventPayload;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.MessageStatusChanged;
import java.util.UUID;

/** What one piece of a platform delivery means for Tutti. */
public sealed interface InboundItem {

  /**
   * Becomes an event once: {@code key} is the platform's own id of the thing (a message id, a
   * receipt of a message), unique within {@code inboxId}.
   */
  sealed interface Emitted extends InboundItem {
    UUID inboxId();

    String workspaceId();

    String key();

    EventPayload payload();
  }

  /** A customer's message, postback, reaction or edit. */
  record Message(UUID inboxId, String workspaceId, String key, MessageReceived payload)
      implements Emitted {}

  /** A delivery, read or failure receipt for something we sent. */
  record Status(UUID inboxId, String workspaceId, String key, MessageStatusChanged payload)
      implements Emitted {}

  /** A kind of event Tutti does not act on; the delivery is kept and acknowledged. */
  record Ignored(String kind) implements InboundItem {}
}
