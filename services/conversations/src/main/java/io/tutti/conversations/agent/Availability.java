package io.tutti.conversations.agent;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether an agent takes conversations now, as they set it (or Tutti, when it stops seeing them).
 */
public enum Availability {
  ONLINE("online"),
  AWAY("away"),
  OFFLINE("offline");

  private final String id;

  Availability(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<Availability> of(String id) {
    return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Availability::id).toList();
  }
}
