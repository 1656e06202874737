package io.tutti.conversations.assignment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a team picks the agent of a conversation. */
public enum Strategy {
  /** Nobody is picked: the team's agents take conversations themselves. */
  MANUAL("manual"),
  /** The next eligible member after the one who got the last conversation. */
  ROUND_ROBIN("round_robin"),
  /** The eligible member with the fewest open and pending conversations. */
  LEAST_LOADED("least_loaded"),
  /** The agent who last helped the contact, else the team's fallback strategy. */
  STICKY("sticky");

  private final String id;

  Strategy(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public boolean automatic() {
    return this != MANUAL;
  }

  public static Optional<Strategy> of(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Strategy::id).toList();
  }

  /** The strategies that pick an agent themselves, e.g. for a routing rule's assign_strategy. */
  public static List<String> automaticIds() {
    return Arrays.stream(values()).filter(Strategy::automatic).map(Strategy::id).toList();
  }

  /** What a sticky team falls back to. */
  public static List<String> fallbackIds() {
    return List.of(ROUND_ROBIN.id, LEAST_LOADED.id);
  }
}
