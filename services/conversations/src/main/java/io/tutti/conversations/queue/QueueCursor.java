package io.tutti.conversations.queue;

import io.tutti.conversations.conversation.Cursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next queue page starts, and as of when: every page after the first is cut from the
 * queue as it stood when the first was served, so conversations that moved meanwhile are neither
 * shown twice nor skipped.
 *
 * @param key the sort key of the last row served, in epoch microseconds; null for "not waiting"
 * @param asOf when the first page was served
 */
public record QueueCursor(QueueSort sort, Long key, UUID id, Instant asOf) {

  private static final String VERSION = "q1";

  public String encode() {
    String raw =
        String.join(
            "|",
            VERSION,
            sort.id(),
            key == null ? "-" : key.toString(),
            id.toString(),
            Long.toString(Cursor.micros(asOf)));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor of a request, which must be for the same sort; null when it names none. */
  public static QueueCursor decode(String cursor, QueueSort sort) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      if (parts.length != 5 || !VERSION.equals(parts[0]) || !sort.id().equals(parts[1])) {
        throw Cursor.invalid();
      }
      Long key = parts[2].equals("-") ? null : Long.parseLong(parts[2]);
      if (key == null && sort != QueueSort.WAITING) {
        throw Cursor.invalid();
      }
      return new QueueCursor(
          sort, key, UUID.fromString(parts[3]), Cursor.instant(Long.parseLong(parts[4])));
    } catch (IllegalArgumentException e) {
      throw Cursor.invalid();
    }
  }
}
