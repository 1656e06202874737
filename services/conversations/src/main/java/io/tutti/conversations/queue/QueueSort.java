package io.tutti.conversations.queue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The queue's orders; each is a column ending an index, then the id. */
public enum QueueSort {
  /** Most recently active first. */
  LAST_ACTIVITY("last_activity", "last_message_at", false),
  /** Longest waiting first; conversations nobody is waiting on come last. */
  WAITING("waiting", "waiting_key", true);

  private final String id;
  private final String column;
  private final boolean ascending;

  QueueSort(String id, String column, boolean ascending) {
    this.id = id;
    this.column = column;
    this.ascending = ascending;
  }

  public String id() {
    return id;
  }

  String column() {
    return column;
  }

  boolean ascending() {
    return ascending;
  }

  public static Optional<QueueSort> of(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(QueueSort::id).toList();
  }
}
