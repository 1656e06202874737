package io.tutti.conversations.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** When a rule runs. */
public enum Trigger {
  /** A customer's message opened a new conversation (its first message). */
  CONVERSATION_OPENED("conversation_opened"),
  /** Any customer message, the first one included; not reactions. */
  MESSAGE_RECEIVED("message_received"),
  /**
   * An agent, or a client of the API, changed the status, priority, labels, assignee or team. A
   * rule's own changes never run these rules again.
   */
  CONVERSATION_UPDATED("conversation_updated");

  private final String id;

  Trigger(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<Trigger> of(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Trigger::id).toList();
  }
}
