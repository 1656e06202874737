package io.tutti.gateway.proxy;

import java.net.URI;
import java.util.Locale;

/**
 * A service behind the gateway, as its base URL names it.
 *
 * @param name what problems and logs call it, e.g. {@code connectors}
 * @param basePath prepended to every forwarded path; empty when the service is at the root
 */
record Upstream(String name, String host, int port, boolean ssl, String basePath) {

  /** The service at {@code url}, e.g. {@code http://connectors:8081}; refuses anything else. */
  static Upstream of(String name, URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(name, url, "it must be an http or https URL");
    }
    if (url.getHost() == null) {
      throw invalid(name, url, "it names no host");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
      throw invalid(name, url, "it must not carry a query, fragment or credentials");
    }
    boolean ssl = scheme.equals("https");
    int port = url.getPort() != -1 ? url.getPort() : ssl ? 443 : 80;
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String host = url.getHost();
    if (host.startsWith("[")) {
      // An IPv6 literal: the HTTP client takes it without brackets.
      host = host.substring(1, host.length() - 1);
    }
    return new Upstream(name, host, port, ssl, path);
  }

  /** The base URL, as logs show it. */
  String url() {
    String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    return (ssl ? "https" : "http") + "://" + authority + basePath;
  }

  private static IllegalArgumentException invalid(String name, URI url, String why) {
    return new IllegalArgumentException(
        "tutti.gateway." + name + "-url=" + url + " is not usable: " + why);
  }
}
