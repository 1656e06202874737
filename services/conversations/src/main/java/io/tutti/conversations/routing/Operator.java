package io.tutti.conversations.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a condition compares a fact with its value. */
public enum Operator {
  EQUALS("equals"),
  NOT_EQUALS("not_equals"),
  CONTAINS("contains"),
  NOT_CONTAINS("not_contains"),
  /** An RE2 regular expression found in the text (linear time whatever the pattern). */
  MATCHES("matches"),
  /** One of a list of values; on a message's text, any of a list of keywords contained. */
  IN("in"),
  NOT_IN("not_in"),
  PRESENT("present"),
  ABSENT("absent"),
  GT("gt", ">"),
  LT("lt", "<");

  private final String id;
  private final String alias;

  Operator(String id) {
    this(id, null);
  }

  Operator(String id, String alias) {
    this.id = id;
    this.alias = alias;
  }

  public String id() {
    return id;
  }

  /** Whether the operator compares with a value at all. */
  public boolean takesValue() {
    return this != PRESENT && this != ABSENT;
  }

  /** Whether it takes a list of values. */
  public boolean takesList() {
    return this == IN || this == NOT_IN;
  }

  /** The operator an admin wrote, by its name or its symbol ({@code >}, {@code <}). */
  public static Optional<Operator> of(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.strip();
    return Arrays.stream(values())
        .filter(o -> o.id.equals(wanted) || wanted.equals(o.alias))
        .findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Operator::id).toList();
  }
}
