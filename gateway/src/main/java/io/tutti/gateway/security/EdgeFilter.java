package io.tutti.gateway.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.tutti.gateway.proxy.ReverseProxy;
import io.tutti.web.problem.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first handler every request meets, proxied or not: rate limits (429 with {@code
 * Retry-After}), CORS for the API from configured origins, a refusal of cross-site calls that ride
 * on the browser session, and the security headers of every answer.
 */
@Startup
@ApplicationScoped
public class EdgeFilter {

  /** Ahead of the reverse proxy, so proxied requests are limited and answered with headers too. */
  static final int ROUTE_ORDER = ReverseProxy.ROUTE_ORDER - 10;

  /** Where the web app's built, content-named files are served from (Vite's assets directory). */
  static final String WEB_APP_ASSETS = "/assets/";

  /** quarkus-oidc's answer to a script's request that would need a sign-in redirect. */
  private static final int OIDC_JAVASCRIPT_CHALLENGE = 499;

  private static final Set<String> PUBLIC_PATHS =
      Set.of("/track", "/widget.js", "/chat/ws", "/tutti.js");

  private static final String ALLOWED_HEADERS =
      "Authorization, Content-Type, Accept, X-Request-Id, X-CSRF-Token, traceparent, tracestate";

  private final SecurityConfig config;
  private final ObjectMapper mapper;
  private final Vertx vertx;
  private final RateLimiter limiter;
  private final RateLimiter.Limit webhooks;
  private final RateLimiter.Limit publicEndpoints;
  private final RateLimiter.Limit api;
  private final Set<String> corsOrigins;
  private final String ownOrigin;
  private final boolean https;
  private final String contentSecurityPolicy;
  private final long janitor;

  public EdgeFilter(
      SecurityConfig config,
      ObjectMapper mapper,
      Vertx vertx,
      @ConfigProperty(name = "tutti.gateway.public-url") URI publicUrl) {
    this.config = config;
    this.mapper = mapper;
    this.vertx = vertx;
    SecurityConfig.RateLimit limits = config.rateLimit();
    this.limiter = new RateLimiter(limits.maxTracked(), System::nanoTime);
    this.webhooks =
        new RateLimiter.Limit("webhooks", limits.webhooksPerSecond(), limits.webhooksBurst());
    this.publicEndpoints =
        new RateLimiter.Limit("public", limits.publicPerSecond(), limits.publicBurst());
    this.api = new RateLimiter.Limit("api", limits.apiPerSecond(), limits.apiBurst());
    this.corsOrigins =
        config.corsOrigins().orElse(List.of()).stream()
            .map(EdgeFilter::origin)
            .collect(Collectors.toUnmodifiableSet());
    this.ownOrigin = origin(publicUrl.toString());
    this.https = "https".equalsIgnoreCase(publicUrl.getScheme());
    String socket = (https ? "wss://" : "ws://") + publicUrl.getRawAuthority();
    this.contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:;"
            + " media-src 'self' https:; font-src 'self'; connect-src 'self' "
            + socket
            + "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    this.janitor = vertx.setPeriodic(60_000, id -> limiter.forgetIdle());
  }

  void install(@Observes Router router) {
    router.route().order(ROUTE_ORDER).handler(this::handle);
  }

  private void handle(RoutingContext context) {
    HttpServerRequest request = context.request();
    String path;
    try {
      path = context.normalizedPath();
    } catch (IllegalArgumentException malformedEscape) {
      path = "/";
    }
    boolean apiPath = path.startsWith("/api/");
    context.addHeadersEndHandler(v -> onHeaders(request, context.response(), apiPath));
    if (config.rateLimit().enabled()) {
      long wait = rateLimit(request, path, apiPath);
      if (wait > 0) {
        context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
        reply(
            context,
            new Problem(
                Problem.type("rate-limited"),
                "Too many requests",
                429,
                "Too many requests; try again in " + wait + " s."));
        return;
      }
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (apiPath && origin != null && !sameOrigin(origin, request)) {
      if (!crossOrigin(context, origin)) {
        return;
      }
    }
    context.next();
  }

  /** 0 when the request may go on, else the seconds to wait. */
  private long rateLimit(HttpServerRequest request, String path, boolean apiPath) {
    String address = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
    if (apiPath) {
      return limiter.take(api, credential(request, address));
    }
    if (path.equals("/webhooks") || path.startsWith("/webhooks/")) {
      return limiter.take(webhooks, address);
    }
    if (PUBLIC_PATHS.contains(path) || path.startsWith("/chat/")) {
      return limiter.take(publicEndpoints, address);
    }
    return 0;
  }

  /**
   * The bucket of an API caller: their bearer token or browser session, hashed (the map holds no
   * credential), else their address. A forged token gets a bucket of its own and then its 401.
   */
  private static String credential(HttpServerRequest request, String address) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      return sha256(authorization);
    }
    Cookie session = request.getCookie(BrowserSession.SESSION_COOKIE);
    if (session == null) {
      session = request.getCookie(BrowserSession.SESSION_COOKIE + "_chunk_1");
    }
    return session != null ? sha256(session.getValue()) : address;
  }

  /**
   * A browser call from a page of another origin: allowed origins get CORS (preflights answered
   * here); from any other, a preflight is refused and so is any call riding on the session, which
   * is how a forged cross-site request would arrive. Answers whether the request goes on.
   */
  private boolean crossOrigin(RoutingContext context, String origin) {
    HttpServerRequest request = context.request();
    HttpServerResponse response = context.response();
    boolean preflight =
        request.method() == HttpMethod.OPTIONS
            && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    if (corsOrigins.contains(origin(origin))) {
      response
          .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
          .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
          .putHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN)
          .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "X-Request-Id, Retry-After");
      if (preflight) {
        response
            .putHeader(
                HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, POST, PUT, PATCH, DELETE")
            .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
            .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
            .setStatusCode(204)
            .end();
        return false;
      }
      return true;
    }
    if (preflight || BrowserSession.carriesSession(request)) {
      reply(
          context,
          new Problem(
              Problem.type("origin-not-allowed"),
              "Origin not allowed",
              403,
              "Pages of " + origin + " may not call this API."));
      return false;
    }
    return true;
  }

  private boolean sameOrigin(String origin, HttpServerRequest request) {
    String normalised = origin(origin);
    return normalised.equals(ownOrigin)
        || normalised.equals(origin(request.scheme() + "://" + request.authority()));
  }

  private void onHeaders(HttpServerRequest request, HttpServerResponse response, boolean apiPath) {
    if (apiPath && response.getStatusCode() == OIDC_JAVASCRIPT_CHALLENGE) {
      // An API call without a (valid) session or token: 401, never a redirect to the sign-in page.
      response.setStatusCode(401);
      response.headers().set("WWW-Authenticate", "Bearer");
      response.headers().remove(HttpHeaders.SET_COOKIE);
    }
    putIfAbsent(response, "X-Content-Type-Options", "nosniff");
    putIfAbsent(response, "Referrer-Policy", "strict-origin-when-cross-origin");
    if (https) {
      putIfAbsent(response, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
      // Behind a load balancer that ends TLS the gateway itself sees http: the public URL decides.
      List<String> cookies = response.headers().getAll(HttpHeaders.SET_COOKIE);
      if (!cookies.isEmpty()) {
        response.headers().remove(HttpHeaders.SET_COOKIE);
        cookies.forEach(cookie -> response.headers().add(HttpHeaders.SET_COOKIE, secured(cookie)));
      }
    }
    String type = response.headers().get(HttpHeaders.CONTENT_TYPE);
    if (response.getStatusCode() == 200
        && request.path().startsWith(WEB_APP_ASSETS)
        && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/html"))) {
      // The web app's built files are named by their content.
      response.headers().set(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
    }
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
      putIfAbsent(response, "Content-Security-Policy", contentSecurityPolicy);
      putIfAbsent(response, "X-Frame-Options", "DENY");
      // Pages are behind the sign-in: a browser must ask again, never show a kept copy (the web
      // app's files are served as immutable, its index.html included, which would outlive a
      // sign-out).
      response.headers().set(HttpHeaders.CACHE_CONTROL, "no-store");
      if (request.getCookie(BrowserSession.CSRF_COOKIE) == null) {
        Cookie csrf =
            Cookie.cookie(BrowserSession.CSRF_COOKIE, BrowserSession.newCsrfToken())
                .setPath("/")
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(https)
                // Read by the web app's script, to echo it in X-CSRF-Token.
                .setHttpOnly(false);
        response.headers().add(HttpHeaders.SET_COOKIE, csrf.encode());
      }
    }
  }

  /** A {@code Set-Cookie} value with the {@code Secure} attribute, added unless it has it. */
  static String secured(String setCookie) {
    String[] parts = setCookie.split(";");
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].strip().equalsIgnoreCase("secure")) {
        return setCookie;
      }
    }
    return setCookie + "; Secure";
  }

  private static void putIfAbsent(HttpServerResponse response, String name, String value) {
    if (!response.headers().contains(name)) {
      response.putHeader(name, value);
    }
  }

  private void reply(RoutingContext context, Problem problem) {
    Buffer body;
    try {
      body = Buffer.buffer(mapper.writeValueAsBytes(problem));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A problem record always serialises", e);
    }
    context
        .response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(body);
  }

  /** {@code scheme://host[:port]} in lower case, without a trailing slash or path. */
  static String origin(String url) {
    try {
      URI uri = URI.create(url.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return url.strip().toLowerCase(Locale.ROOT);
      }
      int port = uri.getPort();
      boolean defaultPort =
          port == -1
              || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()))
              || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()));
      return (uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port))
          .toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException malformed) {
      return url.strip().toLowerCase(Locale.ROOT);
    }
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  @PreDestroy
  void close() {
    vertx.cancelTimer(janitor);
  }
}
