package io.tutti.conversations.conversation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers are written every way ({@code +49 1512 3456789}, {@code (0151) 234-56}); the search
 * tokenizer would cut them into pieces or keep a {@code +}. The indexed text gets each number also
 * as its digits alone, and a query's numbers are read as their digits, so any way of typing a
 * number finds it.
 */
public final class SearchText {

  /** Seven or more digits, possibly with a leading + and spaces, dots, dashes or brackets. */
  private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d[\\d\\s().-]{5,}\\d");

  private SearchText() {}

  /** The text followed by the digits-only form of every phone-like number in it. */
  public static String withPhoneDigits(String text) {
    StringBuilder digits = new StringBuilder();
    Matcher matcher = PHONE.matcher(text);
    while (matcher.find()) {
      digits.append(' ').append(matcher.group().replaceAll("\\D", ""));
    }
    return digits.isEmpty() ? text : text + digits;
  }

  /** A query with each phone-like number replaced by its digits. */
  public static String phonesAsDigits(String query) {
    Matcher matcher = PHONE.matcher(query);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, matcher.group().replaceAll("\\D", ""));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
