package io.tutti.profiles.identity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Email addresses: one spelling per address (trimmed, lower case), and the addresses in a text.
 * Local parts are case-insensitive at every provider customers use, so lower-casing them all is the
 * rule here, as connectors does for the email channel's identities.
 */
public final class Emails {

  private static final Pattern ADDRESS =
      Pattern.compile("[^@\\s<>(),;:\"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\\.)+[A-Za-z]{2,63}");
  private static final Pattern IN_TEXT =
      Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\\.)+[A-Za-z]{2,63}");
  private static final int MAX_LENGTH = 320;

  private Emails() {}

  /** The address in its one spelling, or empty when the text is not an address. */
  public static Optional<String> normalise(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String address = raw.strip();
    if (address.startsWith("mailto:")) {
      address = address.substring("mailto:".length());
    }
    if (address.length() > MAX_LENGTH || !ADDRESS.matcher(address).matches()) {
      return Optional.empty();
    }
    return Optional.of(address.toLowerCase(Locale.ROOT));
  }

  /** Every address written in a text, normalised, in order, each once. */
  public static List<String> findIn(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    Set<String> found = new LinkedHashSet<>();
    Matcher matcher = IN_TEXT.matcher(text);
    while (matcher.find()) {
      String candidate = matcher.group();
      while (candidate.endsWith(".")) {
        candidate = candidate.substring(0, candidate.length() - 1);
      }
      normalise(candidate).ifPresent(found::add);
    }
    return List.copyOf(found);
  }
}
