package io.tutti.bench.fuzz;

import java.net.URI;
import java.util.List;

/**
 * Where a request goes: through the gateway, or, when the run is told a connectors URL of its own,
 * straight to that connectors for every path connectors owns (the gateway's {@code
 * tutti.gateway.connectors-paths}: webhooks and the inbox API). That second way fuzzes a connectors
 * started apart from the running system, e.g. one built from a working copy with a fix in it, while
 * the API cases of the other services still go through the gateway.
 *
 * @param gateway the gateway, e.g. {@code http://127.0.0.1:8080}
 * @param connectors a connectors to send its own paths to directly; null for the gateway
 */
public record Routes(URI gateway, URI connectors) {

  /** Path prefixes connectors answers, as the gateway routes them. */
  static final List<String> CONNECTORS_PATHS =
      List.of(
          "/webhooks/messenger",
          "/webhooks/instagram",
          "/webhooks/whatsapp",
          "/webhooks/twilio",
          "/webhooks/telegram",
          "/webhooks/email",
          "/api/inboxes",
          "/widget.js",
          "/chat/");

  /** Everything through the gateway. */
  public static Routes gateway(URI gateway) {
    return new Routes(gateway, null);
  }

  /** The base a path is sent to. */
  String base(String path) {
    URI base = connectors != null && ownedByConnectors(path) ? connectors : gateway;
    String text = base.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  URI resolve(String path) {
    return URI.create(base(path) + path);
  }

  static boolean ownedByConnectors(String path) {
    for (String prefix : CONNECTORS_PATHS) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
