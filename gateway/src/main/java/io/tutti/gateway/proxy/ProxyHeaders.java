package io.tutti.gateway.proxy;

import io.tutti.gateway.security.BrowserSession;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which headers cross the gateway, in each direction, and what the gateway adds. */
final class ProxyHeaders {

  static final String REQUEST_ID = "X-Request-Id";

  /** What the gateway calls itself in {@code Via}. */
  private static final String PSEUDONYM = "tutti-gateway";

  /**
   * Connection-specific fields (RFC 9110 §7.6.1), which belong to one hop and are never passed on,
   * plus: the Proxy-* credentials and challenges, which are for a proxy the client chose and not
   * for a service; and Trailer, since the gateway does not pass trailers on and must not announce
   * any.
   */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "te",
          "transfer-encoding",
          "upgrade",
          "proxy-authenticate",
          "proxy-authorization",
          "trailer");

  private ProxyHeaders() {}

  /**
   * The headers a service receives: the client's, end-to-end ones untouched (Authorization,
   * traceparent, cookies...), without hop-by-hop ones, with the gateway's Forwarded family, Via and
   * the request id. Host becomes the service's own (the HTTP client sets it); the original travels
   * in X-Forwarded-Host. Expect is dropped because the gateway answers {@code 100-continue} itself.
   * The Forwarded family is replaced, never appended to, so a client cannot pose as another
   * address; behind a trusted load balancer, {@code quarkus.http.proxy.*} makes the request's
   * scheme, host and remote address already the resolved ones.
   *
   * @param upgrade keep the Upgrade header and ask the service to switch protocols
   */
  static MultiMap toService(
      HttpServerRequest request, String requestId, boolean upgrade, String authorization) {
    MultiMap incoming = request.headers();
    Set<String> dropped = hopByHop(incoming);
    MultiMap headers = HttpHeaders.headers();
    for (Map.Entry<String, String> header : incoming) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      boolean replaced =
          name.equals("host")
              || name.equals("expect")
              || name.equals("forwarded")
              || name.startsWith("x-forwarded-")
              || (authorization != null && name.equals("cookie"));
      if (!dropped.contains(name) && !replaced) {
        headers.add(header.getKey(), header.getValue());
      }
    }
    if (authorization != null) {
      // The browser's session becomes the user's bearer token; its cookies stay with the gateway.
      headers.set(HttpHeaders.AUTHORIZATION, authorization);
      String cookies = servicesCookies(request);
      if (!cookies.isEmpty()) {
        headers.set(HttpHeaders.COOKIE, cookies);
      }
    }
    if (upgrade) {
      headers.set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
      headers.set(HttpHeaders.UPGRADE, String.join(", ", incoming.getAll(HttpHeaders.UPGRADE)));
    }
    headers.set(REQUEST_ID, requestId);
    forwarded(request, headers);
    String via = protocol(request.version()) + " " + PSEUDONYM;
    String earlier = String.join(", ", incoming.getAll("Via"));
    headers.set("Via", earlier.isEmpty() ? via : earlier + ", " + via);
    return headers;
  }

  /** The request's cookies other than the gateway's own (session, CSRF, sign-in state). */
  private static String servicesCookies(HttpServerRequest request) {
    StringBuilder kept = new StringBuilder();
    for (io.vertx.core.http.Cookie cookie : request.cookies()) {
      if (!BrowserSession.isGatewayCookie(cookie.getName())) {
        if (!kept.isEmpty()) {
          kept.append("; ");
        }
        kept.append(cookie.getName()).append('=').append(cookie.getValue());
      }
    }
    return kept.toString();
  }

  /** Copies a service's response headers for the client, without the hop-by-hop ones. */
  static void toClient(MultiMap fromService, MultiMap toClient) {
    Set<String> dropped = hopByHop(fromService);
    for (Map.Entry<String, String> header : fromService) {
      if (!dropped.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        toClient.add(header.getKey(), header.getValue());
      }
    }
  }

  /**
   * Whether the request asks the service to switch protocols: a GET with {@code Connection:
   * upgrade}, typically a WebSocket handshake. An offer to switch to HTTP/2 ({@code h2c}) concerns
   * only the connection to the gateway: it is declined by forwarding the request as a plain one.
   */
  static boolean asksForUpgrade(HttpServerRequest request) {
    if (request.version() == HttpVersion.HTTP_2
        || !HttpMethod.GET.equals(request.method())
        || !connectionOptions(request.headers()).contains("upgrade")) {
      return false;
    }
    for (String value : request.headers().getAll(HttpHeaders.UPGRADE)) {
      for (String protocol : value.split(",")) {
        if (!protocol.isBlank() && !protocol.strip().equalsIgnoreCase("h2c")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The fixed hop-by-hop names and those the Connection header lists. */
  private static Set<String> hopByHop(MultiMap headers) {
    Set<String> names = new HashSet<>(HOP_BY_HOP);
    names.addAll(connectionOptions(headers));
    return names;
  }

  private static Set<String> connectionOptions(MultiMap headers) {
    Set<String> options = new HashSet<>();
    for (String value : headers.getAll(HttpHeaders.CONNECTION)) {
      for (String option : value.split(",")) {
        if (!option.isBlank()) {
          options.add(option.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    return options;
  }

  private static void forwarded(HttpServerRequest request, MultiMap headers) {
    SocketAddress remote = request.remoteAddress();
    String client = remote == null ? null : remote.host();
    String proto = request.scheme();
    HostAndPort authority = request.authority();
    String host = authority == null ? null : authority.toString();

    StringBuilder forwarded = new StringBuilder("for=").append(node(client));
    if (client != null) {
      headers.set("X-Forwarded-For", client);
    }
    if (proto != null) {
      headers.set("X-Forwarded-Proto", proto);
      forwarded.append(";proto=").append(proto);
    }
    if (host != null) {
      headers.set("X-Forwarded-Host", host);
      forwarded.append(";host=").append(quoted(host));
    }
    headers.set("Forwarded", forwarded.toString());
  }

  /** A {@code for=} node of RFC 7239: IPv6 in brackets and quotes. */
  private static String node(String address) {
    if (address == null) {
      return "unknown";
    }
    return address.contains(":") ? quoted("[" + address + "]") : address;
  }

  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static String protocol(HttpVersion version) {
    return switch (version) {
      case HTTP_1_0 -> "1.0";
      case HTTP_1_1 -> "1.1";
      case HTTP_2 -> "2";
    };
  }
}
