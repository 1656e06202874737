package io.tutti.conversations.routing;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How rules compare text: NFKC folds full-width Latin letters and digits and half-width kana into
 * their usual forms ({@code ＰＲＩＣＥ} → {@code PRICE}, {@code ｶﾀｶﾅ} → {@code カタカナ}), then lower case,
 * so an admin's {@code price} matches however the customer typed it.
 */
final class Texts {

  private Texts() {}

  static String normalise(String text) {
    if (text == null) {
      return null;
    }
    return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  /** At most {@code max} characters, never splitting a surrogate pair. */
  static String bounded(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
