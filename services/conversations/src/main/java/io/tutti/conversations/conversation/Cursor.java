package io.tutti.conversations.conversation;

import io.tutti.web.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a list ordered by a time and an id: opaque to clients, who pass back what a page
 * gave them. Anything else is a 400.
 */
public record Cursor(Instant at, UUID id) {

  public String encode() {
    String raw = micros(at) + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor, or null when the request named none. */
  public static Cursor decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      if (parts.length != 2) {
        throw invalid();
      }
      return new Cursor(instant(Long.parseLong(parts[0])), UUID.fromString(parts[1]));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  public static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  public static io.tutti.web.problem.ProblemException invalid() {
    return new Problem(
            Problem.type("invalid-cursor"),
            "Invalid cursor",
            400,
            "The cursor is not one this list gave out; start again without it.")
        .exception();
  }
}
