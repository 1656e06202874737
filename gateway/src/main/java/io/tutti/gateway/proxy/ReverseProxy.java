package io.tutti.gateway.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.smallrye.common.vertx.VertxContext;
import io.tutti.gateway.proxy.RouteTable.Route;
import io.tutti.gateway.security.BrowserSession;
import io.tutti.web.problem.Problem;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
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
  public static final int ROUTE_ORDER = -SecurityHandlerPriorities.CORS - 1;

  /**
   * Requests that come with the browser's session go through here instead, after authentication
   * (-200) has been set up and before authorization (-100): the session's access token is needed to
   * call the service on the user's behalf.
   */
  static final int SESSION_ROUTE_ORDER = -SecurityHandlerPriorities.AUTHENTICATION + 50;

  /** Where the first handler leaves a session request's route for the second. */
  private static final String SESSION_ROUTE = ReverseProxy.class.getName() + ".route";

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
            mapper,
            proxy.retries(),
            breakers(routes.routes(), proxy));
  }

  private static Map<String, CircuitBreaker> breakers(List<Route> routes, ProxyConfig.Proxy proxy) {
    Map<String, CircuitBreaker> breakers = new HashMap<>();
    for (Route route : routes) {
      breakers.computeIfAbsent(
          route.upstream().name(),
          name ->
              new CircuitBreaker(
                  proxy.circuitBreakerThreshold(),
                  proxy.circuitBreakerOpenFor().toNanos(),
                  System::nanoTime));
    }
    return Map.copyOf(breakers);
  }

  void install(@Observes Router router) {
    router.route().order(ROUTE_ORDER).handler(this::handle);
    router.route().order(SESSION_ROUTE_ORDER).handler(this::handleSession);
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
    if (BrowserSession.carriesSession(context.request())) {
      // Nothing of the body may be read while the session is checked.
      context.request().pause();
      context.put(SESSION_ROUTE, route.get());
      context.next();
      return;
    }
    new ProxyExchange(settings, route.get(), context.request(), null).start();
  }

  /**
   * A request made with the browser's session: the service gets the session's access token as a
   * bearer token (quarkus-oidc refreshes it when expired), and a state-changing call must pass the
   * CSRF check. An expired or unknown session answers 401, never a redirect.
   */
  private void handleSession(RoutingContext context) {
    Route route = context.get(SESSION_ROUTE);
    if (route == null) {
      context.next();
      return;
    }
    HttpServerRequest request = context.request();
    if (!BrowserSession.passesCsrfCheck(request)) {
      reply(request, SessionProblems.csrfMissing());
      return;
    }
    Context loop = Vertx.currentContext();
    QuarkusHttpUser.getSecurityIdentity(context, null)
        .subscribe()
        .with(
            identity ->
                loop.runOnContext(
                    v -> {
                      AccessTokenCredential token =
                          identity == null || identity.isAnonymous()
                              ? null
                              : identity.getCredential(AccessTokenCredential.class);
                      if (token == null) {
                        reply(request, SessionProblems.signedOut());
                        return;
                      }
                      new ProxyExchange(settings, route, request, "Bearer " + token.getToken())
                          .start();
                    }),
            failure ->
                loop.runOnContext(
                    v -> {
                      LOG.debugf("Session of a request to %s refused: %s", route.path(), failure);
                      reply(request, SessionProblems.signedOut());
                    }));
  }

  private void reply(HttpServerRequest request, Problem problem) {
    if (request.response().ended()) {
      return;
    }
    request
        .response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .end(settings.json(problem))
        // The unread body, if any, is not worth reading.
        .onComplete(v -> request.connection().close());
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
