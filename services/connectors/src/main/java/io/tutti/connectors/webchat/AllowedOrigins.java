package io.tutti.connectors.webchat;

import java.util.List;
import java.util.Locale;

/**
 * Whether a page may open an inbox's chat. Browsers send {@code Origin} on every WebSocket
 * handshake, so an inbox that lists its sites keeps other sites from embedding its widget. It is no
 * authentication: a script outside a browser can send any origin.
 */
final class AllowedOrigins {

  private AllowedOrigins() {}

  /** True when the inbox lists no origins, or lists {@code origin}. */
  static boolean permit(List<String> allowed, String origin) {
    if (allowed == null || allowed.isEmpty()) {
      return true;
    }
    String given = normalise(origin);
    return given != null && allowed.stream().map(AllowedOrigins::normalise).anyMatch(given::equals);
  }

  /**
   * {@code scheme://host[:port]} in lower case without a default port or trailing slash, as
   * browsers send it; null for no origin or the opaque {@code null} of sandboxed frames and files.
   */
  static String normalise(String origin) {
    if (origin == null) {
      return null;
    }
    String value = origin.strip().toLowerCase(Locale.ROOT);
    while (value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    if (value.isEmpty() || value.equals("null")) {
      return null;
    }
    if (value.startsWith("https://") && value.endsWith(":443")) {
      return value.substring(0, value.length() - 4);
    }
    if (value.startsWith("http://") && value.endsWith(":80")) {
      return value.substring(0, value.length() - 3);
    }
    return value;
  }
}
