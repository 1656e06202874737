package io.tutti.events;

/**
 * The body of an event. Each event type is one record implementing this; see {@link EventTypes}.
 */
public interface EventPayload {

  /** The event type, which is also the routing key on {@code tutti.events}. */
  String type();

  /** Schema version of this payload. */
  default int version() {
    return 1;
  }
}
