package io.tutti.conversations.conversation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How urgent a conversation is, as an agent set it. */
public enum Priority {
  NONE("none"),
  LOW("low"),
  MEDIUM("medium"),
  HIGH("high"),
  URGENT("urgent");

  private final String id;

  Priority(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<Priority> of(String id) {
    return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Priority::id).toList();
  }
}
