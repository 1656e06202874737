package io.tutti.conversations.conversation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where a conversation stands. */
public enum Status {
  OPEN("open"),
  /** Waiting on the customer; their next message opens it again. */
  PENDING("pending"),
  /** Put aside until {@code snoozeUntil}, or until the customer writes. */
  SNOOZED("snoozed"),
  RESOLVED("resolved");

  private final String id;

  Status(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<Status> of(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Status::id).toList();
  }
}
