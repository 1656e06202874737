package io.tutti.gateway.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.smallrye.common.vertx.VertxContext;
import io.tutti.gateway.proxy.RouteTable.Route;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forwards every request whose path a service owns ({@link ProxyConfig}) to that service, and its
 * answer back; the rest falls through to the gateway's own endpoints.
 *
 * <p>Written on the Vert.x HTTP client rather than vertx-http-proxy: in Vert.x 4.5 that library
 * answers every failure with an empty 502, so a service that is down cannot be told from one that
 * is slow (the contract here is 503 and 504 problem+json), it replaces a refused WebSocket
 * handshake's answer with a bare status, and it tunnels WebSockets without back-pressure.
 */
@ApplicationScoped
public class ReverseProxy {

  /**
   * Ahead of CORS (-300), authentication (-200), authorization (-100) and Quarkus' body-size check
   * (-2): each service authenticates its own routes (a webhook's bearer secret is not a token the
   * gateway could validate), answers its own CORS and sets its own body limit.
   */
  static final int ROUTE_ORDER = -SecurityHandlerPriorities.CORS - 1;

  /**
   * The context key under which Quarkus' HTTP server metrics look for a request's path template
   * (Quarkus REST sets it for its own endpoints).
   */
  private static final String METRICS_PATH_TEMPLATE = "UrlPathTemplate";

  private static final Logger LOG = Logger.getLogger(ReverseProxy.class);

  private final RouteTable routes;
  private final ProxySettings settings;

  public ReverseProxy(
      Vertx vertx,
      ProxyConfig config,
      ObjectMapper mapper,
      @ConfigProperty(
              name = "quarkus.http.handle-100-continue-automatically",
              defaultValue = "false")
          boolean serverSendsContinue) {
    this.routes = RouteTable.from(config);
    ProxyConfig.Proxy proxy = config.proxy();
    HttpClientOptions options =
        new HttpClientOptions()
            .setName("tutti-gateway-proxy")
            .setConnectTimeout(Math.toIntExact(proxy.connectTimeout().toMillis()))
            // traceparent and tracestate go on exactly as the client sent them.
            .setTracingPolicy(TracingPolicy.IGNORE);
    this.settings =
        new ProxySettings(
            vertx,
            vertx.createHttpClient(
                options, new PoolOptions().setHttp1MaxSize(proxy.maxConnectionsPerService())),
            vertx.createHttpClient(
                options, new PoolOptions().setHttp1MaxSize(proxy.maxWebsocketsPerService())),
            proxy.connectTimeout(),
            proxy.responseTimeout(),
            proxy.maxBodySize().asLongValue(),
            serverSendsContinue,
            mapper);
  }

  void install(@Observes Router router) {
    router.route().order(ROUTE_ORDER).handler(this::handle);
    describe(routes.routes())
        .forEach((service, paths) -> LOG.infof("Forwarding %s to %s", paths, service));
  }

  private void handle(RoutingContext context) {
    String path;
    try {
      path = context.normalizedPath();
    } catch (IllegalArgumentException malformedEscape) {
      // No service's path; the gateway's router answers it (400).
      context.next();
      return;
    }
    Optional<Route> route = routes.find(path);
    if (route.isEmpty()) {
      context.next();
      return;
    }
    tagMetrics(route.get());
    new ProxyExchange(settings, route.get(), context.request()).start();
  }

  /**
   * Tags the request's metrics with its route, not its path: every conversation and inbox id would
   * otherwise become a {@code uri} tag of its own.
   */
  private static void tagMetrics(Route route) {
    Context context = Vertx.currentContext();
    if (context != null && VertxContext.isDuplicatedContext(context)) {
      context.putLocal(METRICS_PATH_TEMPLATE, route.path() + "/**");
    }
  }

  /** Each service's base URL with the paths it answers, for the start-up log. */
  private static Map<String, String> describe(List<Route> routes) {
    return routes.stream()
        .collect(
            Collectors.groupingBy(
                route -> route.upstream().name() + " at " + route.upstream().url(),
                LinkedHashMap::new,
                Collectors.mapping(Route::path, Collectors.joining(", "))));
  }

  @PreDestroy
  void close() {
    settings.client().close();
    settings.tunnels().close();
  }
}
