package io.tutti.conversations.message;

/** Which way a message went. */
public final class Direction {

  /** From the customer. */
  public static final String IN = "in";

  /** From an agent: a reply, or a note. */
  public static final String OUT = "out";

  private Direction() {}
}
