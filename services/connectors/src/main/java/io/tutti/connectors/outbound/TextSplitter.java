package io.tutti.connectors.outbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a reply that is longer than a platform takes into messages that each fit, where a reader
 * would: between paragraphs, else lines, else sentences, else words, and never inside a character.
 */
public final class TextSplitter {

  /** How a platform counts the length of a text. */
  public enum Measure {
    /** Unicode code points (Messenger, WhatsApp). */
    CODE_POINTS,
    /** UTF-16 code units, as JavaScript counts (Telegram). */
    UTF16_UNITS,
    /** UTF-8 bytes (Instagram). */
    UTF8_BYTES;

    int length(CharSequence text) {
      return switch (this) {
        case CODE_POINTS -> Character.codePointCount(text, 0, text.length());
        case UTF16_UNITS -> text.length();
        case UTF8_BYTES -> text.toString().getBytes(StandardCharsets.UTF_8).length;
      };
    }
  }

  private static final String[] BREAKS = {"\n\n", "\n", ". ", "! ", "? ", "。", " "};

  private TextSplitter() {}

  /**
   * The text in pieces of at most {@code max} by {@code measure}.
   *
   * @throws SendFailure {@code too-long} when it would take more than {@code maxParts} pieces
   */
  public static List<String> split(
      String text, int max, Measure measure, int maxParts, String platform) {
    List<String> parts = new ArrayList<>();
    String rest = text.strip();
    while (!rest.isEmpty()) {
      if (measure.length(rest) <= max) {
        parts.add(rest);
        break;
      }
      int cut = cutPoint(rest, max, measure);
      parts.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
      if (parts.size() >= maxParts && !rest.isEmpty()) {
        throw SendFailure.permanent(
            "too-long",
            platform
                + " takes "
                + max
                + " characters per message; this reply would need more than "
                + maxParts
                + " messages. Shorten it.");
      }
    }
    return parts;
  }

  /** Where to end the first piece: after the last natural break that keeps it within bounds. */
  private static int cutPoint(String text, int max, Measure measure) {
    int limit = longestPrefix(text, max, measure);
    String window = text.substring(0, limit);
    for (String mark : BREAKS) {
      int at = window.lastIndexOf(mark);
      // A break in the first fifth would leave a stub of a message; cut harder instead.
      if (at > limit / 5) {
        return at + mark.length();
      }
    }
    return limit;
  }

  /** The length in chars of the longest prefix within {@code max}, never splitting a pair. */
  private static int longestPrefix(String text, int max, Measure measure) {
    int end = 0;
    int used = 0;
    while (end < text.length()) {
      int codePoint = text.codePointAt(end);
      int chars = Character.charCount(codePoint);
      int cost = measure.length(text.substring(end, end + chars));
      if (used + cost > max) {
        break;
      }
      used += cost;
      end += chars;
    }
    return Math.max(end, Character.charCount(text.codePointAt(0)));
  }
}
