package io.tutti.conversations.queue;

import java.util.UUID;

/**
 * The queue's views: {@code mine} (assigned to the caller), {@code unassigned}, {@code team:<id>}
 * and {@code all}; each shows only what the caller may see.
 */
public record QueueView(Kind kind, UUID teamId) {

  public enum Kind {
    ALL,
    MINE,
    UNASSIGNED,
    TEAM
  }

  public static final QueueView ALL = new QueueView(Kind.ALL, null);
}
