package io.tutti.gateway.live;

/**
 * What the live socket writes besides events, and the codes it closes with (gateway README, "Live
 * updates").
 */
final class LiveFrames {

  /** Sent once the socket is registered and any replay is written. */
  static final String READY = "{\"type\":\"ready\"}";

  /** The events since the client's {@code lastEventId} are not all known: reload. */
  static final String REFRESH = "{\"type\":\"refresh\"}";

  /** The answer to a client's {@code {"type":"ping"}}. */
  static final String PONG = "{\"type\":\"pong\"}";

  /** Pushed instead of an update to those who saw the conversation before it and not after. */
  static final String CONVERSATION_HIDDEN = "conversation.hidden";

  /** Policy violation: the user already holds {@link LiveConfig#maxSocketsPerUser()} sockets. */
  static final int TOO_MANY_FOR_USER = 1008;

  /** Try again later: this gateway is full, or the client read too slowly. */
  static final int TRY_AGAIN_LATER = 1013;

  /** Going away: the client did not answer a ping within a ping interval. */
  static final int NO_PONG = 1001;

  private LiveFrames() {}
}
