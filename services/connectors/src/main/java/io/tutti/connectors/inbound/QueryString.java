package io.tutti.connectors.inbound;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code a=1&b=2} leniently: a browser's {@code location.href} may hold characters {@link
 * java.net.URI} rejects, and a pair that cannot be decoded is skipped rather than failing the rest.
 */
public final class QueryString {

  private QueryString() {}

  /** Each name's first value, in order; a name without {@code =} has the empty value. */
  public static Map<String, String> parse(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (name != null && !name.isEmpty() && value != null) {
        params.putIfAbsent(name, value);
      }
    }
    return params;
  }

  /** The query of a URL: after the first {@code ?}, before the fragment; null when it has none. */
  public static String of(String url) {
    if (url == null) {
      return null;
    }
    int hash = url.indexOf('#');
    String beforeFragment = hash < 0 ? url : url.substring(0, hash);
    int question = beforeFragment.indexOf('?');
    return question < 0 ? null : beforeFragment.substring(question + 1);
  }

  private static String decode(String part) {
    try {
      return URLDecoder.decode(part, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
