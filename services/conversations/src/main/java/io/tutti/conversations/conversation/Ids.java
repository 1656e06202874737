package io.tutti.conversations.conversation;

import io.tutti.web.problem.Problem;
import java.util.UUID;

/** Ids in paths: a malformed one names nothing, so it is a 404 like an unknown one. */
public final class Ids {

  /** A UUID in a path template. */
  public static final String UUID_PATTERN =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  private Ids() {}

  public static UUID parse(String id, String what) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Problem.notFound("No " + what + " " + id + " in your workspace.").exception();
    }
  }

  /** An id in a request body or query: malformed is the caller's mistake, a 400. */
  public static UUID field(String value, String field) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Problem.validation(java.util.List.of(new Problem.FieldError(field, "must be a UUID")))
          .exception();
    }
  }
}
