package io.tutti.connectors.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Makes platform text safe to store: PostgreSQL text holds no NUL and no unpaired surrogate. */
public final class Text {

  /** Keys longer than this are stored as their hash. */
  public static final int MAX_KEY = 400;

  private Text() {}

  /** The text with NULs removed and unpaired surrogates replaced by U+FFFD; null stays null. */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = null;
      if (c == 0) {
        replacement = "";
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
        replacement = "\uFFFD";
      } else if (Character.isLowSurrogate(c)) {
        replacement = "\uFFFD";
      }
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(replacement != null ? replacement : String.valueOf(c));
      }
    }
    return out == null ? text : out.toString();
  }

  /** A clean, bounded deduplication key. */
  public static String key(String key) {
    String clean = clean(key);
    if (clean.length() <= MAX_KEY) {
      return clean;
    }
    try {
      return "sha256:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(clean.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
