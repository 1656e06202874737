package io.tutti.profiles.timeline;

import io.tutti.profiles.contact.Cursor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next timeline page starts: the last entry served, and how far conversations' own list
 * has been read (its cursor for the page still holding unserved conversations, or done).
 */
record TimelineCursor(Cursor position, String conversationsCursor, boolean conversationsDone) {

  private static final String VERSION = "t1";

  String encode() {
    String remote =
        conversationsCursor == null
            ? "-"
            : Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(conversationsCursor.getBytes(StandardCharsets.UTF_8));
    return Cursor.encode(
        String.join(
            "|",
            VERSION,
            Long.toString(Cursor.micros(position.at())),
            position.id().toString(),
            remote,
            conversationsDone ? "1" : "0"));
  }

  /** The cursor of a request, or null when it names none. */
  static TimelineCursor decode(String cursor) {
    String[] parts = Cursor.parts(cursor);
    if (parts == null) {
      return null;
    }
    if (parts.length != 5 || !VERSION.equals(parts[0])) {
      throw Cursor.invalid();
    }
    try {
      String remote =
          parts[3].equals("-")
              ? null
              : new String(Base64.getUrlDecoder().decode(parts[3]), StandardCharsets.UTF_8);
      if (!parts[4].equals("0") && !parts[4].equals("1")) {
        throw Cursor.invalid();
      }
      return new TimelineCursor(
          new Cursor(Cursor.instant(Long.parseLong(parts[1])), UUID.fromString(parts[2])),
          remote,
          parts[4].equals("1"));
    } catch (IllegalArgumentException e) {
      throw Cursor.invalid();
    }
  }
}
