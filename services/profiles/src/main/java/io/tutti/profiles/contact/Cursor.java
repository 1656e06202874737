package io.tutti.profiles.contact;

import io.tutti.web.problem.Problem;
import io.tutti.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a list ordered by a time and then an id, newest first: opaque to clients, who pass
 * back what a page gave them. Anything else is a 400.
 */
public record Cursor(Instant at, UUID id) {

  private static final String VERSION = "p1";

  public String encode() {
    return encode(VERSION + "|" + micros(at) + "|" + id);
  }

  /** The cursor, or null when the request named none. */
  public static Cursor decode(String cursor) {
    String[] parts = parts(cursor);
    if (parts == null) {
      return null;
    }
    if (parts.length != 3 || !VERSION.equals(parts[0])) {
      throw invalid();
    }
    try {
      return new Cursor(instant(Long.parseLong(parts[1])), UUID.fromString(parts[2]));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /** The fields of an encoded cursor, or null for none. */
  public static String[] parts(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8)
          .split("\\|", -1);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  public static String encode(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  public static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  public static ProblemException invalid() {
    return new Problem(
            Problem.type("invalid-cursor"),
            "Invalid cursor",
            400,
            "The cursor is not one this list gave out; start again without it.")
        .exception();
  }
}
