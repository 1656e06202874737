package io.tutti.profiles.contact;

import io.tutti.web.problem.Problem;
import io.tutti.web.problem.ProblemException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Reading ids from paths and bodies, and the one clock every row is stamped with. */
public final class Ids {

  private Ids() {}

  /** A contact id from a path: anything that is not one names no contact of the workspace. */
  public static UUID contact(String id) {
    UUID uuid = parse(id);
    if (uuid == null) {
      throw contactNotFound(id);
    }
    return uuid;
  }

  /** A UUID, or null when the text is not one. */
  public static UUID parse(String id) {
    if (id == null || id.length() != 36) {
      return null;
    }
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public static ProblemException contactNotFound(Object id) {
    return Problem.notFound("No contact " + id + " in your workspace.").exception();
  }

  /** Now, at the database's precision, so what is written reads back equal. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
