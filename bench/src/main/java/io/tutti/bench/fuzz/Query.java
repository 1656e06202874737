package io.tutti.bench.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Query strings and path segments, percent-encoded so that any value, however hostile, makes a
 * valid URI (the JDK client refuses an invalid one before sending it).
 */
final class Query {

  private Query() {}

  /** {@code ?a=1&b=2}, or nothing for no parameters. */
  static String encode(Map<String, String> params) {
    return encode(params.entrySet().stream().toList());
  }

  /** The same from pairs, where a name may come more than once. */
  static String encode(List<Map.Entry<String, String>> params) {
    if (params.isEmpty()) {
      return "";
    }
    StringBuilder query = new StringBuilder("?");
    for (var param : params) {
      if (query.length() > 1) {
        query.append('&');
      }
      query.append(component(param.getKey())).append('=').append(component(param.getValue()));
    }
    return query.toString();
  }

  /** One path segment: everything but unreserved characters escaped, {@code /} included. */
  static String segment(String value) {
    return component(value);
  }

  private static String component(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
