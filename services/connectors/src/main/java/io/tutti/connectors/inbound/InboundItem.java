package io.tutti.connectors.inbound;

import io.tutti.connectors.inbox.InboxContext;
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

  /** A message of this inbox, deduplicated on the platform's {@code key} (bounded here). */
  static Message message(InboxContext inbox, String key, MessageReceived payload) {
    return new Message(inbox.id(), inbox.workspaceId(), Text.key(key), payload);
  }

  /** A receipt of this inbox, deduplicated on the platform's {@code key} (bounded here). */
  static Status status(InboxContext inbox, String key, MessageStatusChanged payload) {
    return new Status(inbox.id(), inbox.workspaceId(), Text.key(key), payload);
  }

  /** A kind of event Tutti does not act on; the delivery is kept and acknowledged. */
  record Ignored(String kind) implements InboundItem {}
}
