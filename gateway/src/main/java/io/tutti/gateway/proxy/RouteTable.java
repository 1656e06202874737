package io.tutti.gateway.proxy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which service answers a path. Paths match as prefixes on whole segments, {@code *} stands for one
 * segment, and the most specific match wins (see {@link ProxyConfig}).
 */
final class RouteTable {

  /** One configured path and the service that owns it and everything below it. */
  record Route(String path, Upstream upstream) {}

  /** A route with its path cut into segments once, not on every request. */
  private record Entry(Route route, List<String> segments) {

    static Entry of(Route route) {
      return new Entry(route, List.of(route.path().substring(1).split("/", -1)));
    }

    long literalSegments() {
      return segments.stream().filter(segment -> !segment.equals("*")).count();
    }

    boolean matches(String[] requestSegments) {
      if (requestSegments.length < segments.size()) {
        return false;
      }
      for (int i = 0; i < segments.size(); i++) {
        String own = segments.get(i);
        boolean wildcard = own.equals("*") && !requestSegments[i].isEmpty();
        if (!wildcard && !own.equals(requestSegments[i])) {
          return false;
        }
      }
      return true;
    }
  }

  /** Most specific first: more segments, then more literal ones. */
  private static final Comparator<Entry> MOST_SPECIFIC_FIRST =
      Comparator.comparingInt((Entry entry) -> entry.segments().size())
          .thenComparingLong(Entry::literalSegments)
          .reversed();

  private final List<Entry> entries;

  private RouteTable(List<Entry> entries) {
    this.entries = entries.stream().sorted(MOST_SPECIFIC_FIRST).toList();
  }

  static RouteTable from(ProxyConfig config) {
    List<Route> routes = new ArrayList<>();
    add(routes, Upstream.of("connectors", config.connectorsUrl()), config.connectorsPaths());
    add(
        routes,
        Upstream.of("conversations", config.conversationsUrl()),
        config.conversationsPaths());
    add(routes, Upstream.of("profiles", config.profilesUrl()), config.profilesPaths());
    add(routes, Upstream.of("attribution", config.attributionUrl()), config.attributionPaths());
    return of(routes);
  }

  /** A table of these routes; refuses a malformed path and a path given to two services. */
  static RouteTable of(List<Route> routes) {
    Map<String, Upstream> owners = new HashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (Route route : routes) {
      checkPath(route);
      Upstream previous = owners.putIfAbsent(route.path(), route.upstream());
      if (previous != null) {
        throw new IllegalArgumentException(
            "Path "
                + route.path()
                + " is given to both "
                + previous.name()
                + " and "
                + route.upstream().name());
      }
      entries.add(Entry.of(route));
    }
    return new RouteTable(entries);
  }

  /** The route for a normalised request path, or empty when the gateway answers it itself. */
  Optional<Route> find(String path) {
    if (path == null || !path.startsWith("/")) {
      return Optional.empty();
    }
    String[] segments = path.substring(1).split("/", -1);
    return entries.stream().filter(entry -> entry.matches(segments)).map(Entry::route).findFirst();
  }

  /** Every route, most specific first. */
  List<Route> routes() {
    return entries.stream().map(Entry::route).toList();
  }

  private static void add(List<Route> routes, Upstream upstream, List<String> paths) {
    paths.forEach(path -> routes.add(new Route(path.strip(), upstream)));
  }

  private static void checkPath(Route route) {
    String path = route.path();
    String key = "tutti.gateway." + route.upstream().name() + "-paths";
    if (!path.startsWith("/") || path.length() < 2) {
      throw new IllegalArgumentException(
          key + ": '" + path + "' must start with / and name at least one segment");
    }
    if (path.contains("?") || path.contains("#")) {
      throw new IllegalArgumentException(key + ": '" + path + "' must be a path only");
    }
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException(
            key + ": '" + path + "' has an empty segment or ends with /");
      }
      if (segment.contains("*") && !segment.equals("*")) {
        throw new IllegalArgumentException(
            key + ": '" + path + "' may use * only as a whole segment");
      }
    }
  }
}
