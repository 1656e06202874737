package io.tutti.gateway.tracking;

import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Serves {@code /tutti.js}, the tracking script companies paste into their websites; it sends page
 * views and identify calls to {@code /track}, which attribution answers.
 *
 * <p>Served from memory rather than by Quarkus' static resources, whose cache header is {@code
 * immutable}: the script keeps its URL from release to release, so a browser must be able to ask
 * again for it once the hour is up, and an unchanged script then costs a 304.
 */
@ApplicationScoped
public class TrackingScript {

  static final String PATH = "/tutti.js";

  /** Long enough to spare the sites' visitors a request per page, short enough for a release. */
  static final String CACHE_CONTROL = "public, max-age=3600";

  /**
   * Ahead of the reverse proxy (one before CORS), so no service's paths can take the script, and of
   * authentication: a public script is sent to anyone, token or not.
   */
  private static final int ROUTE_ORDER = -SecurityHandlerPriorities.CORS - 2;

  private static final String RESOURCE = "tracking/tutti.js";

  private final Buffer script;
  private final String etag;

  public TrackingScript() {
    byte[] bytes = read(RESOURCE);
    this.script = Buffer.buffer(bytes);
    this.etag = etagOf(bytes);
  }

  void install(@Observes Router router) {
    router
        .route(PATH)
        .order(ROUTE_ORDER)
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(this::serve);
  }

  private void serve(RoutingContext context) {
    MultiMap headers = context.response().headers();
    headers
        .set(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
        .set(HttpHeaders.ETAG, etag)
        .set("X-Content-Type-Options", "nosniff")
        // Pages that isolate themselves (COEP require-corp) may still load it.
        .set("Cross-Origin-Resource-Policy", "cross-origin");
    if (matches(context.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      context.response().setStatusCode(304).end();
      return;
    }
    headers
        .set(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8")
        // Vert.x leaves it off an answer to HEAD, which must carry GET's headers.
        .set(HttpHeaders.CONTENT_LENGTH, String.valueOf(script.length()));
    context.response().end(script);
  }

  /** Whether an {@code If-None-Match} names this script (RFC 9110 §13.1.2, weak comparison). */
  private boolean matches(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return false;
    }
    return Arrays.stream(ifNoneMatch.split(","))
        .map(String::trim)
        .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
        .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
  }

  private static byte[] read(String resource) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the gateway's resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String etagOf(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return '"'
          + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12))
          + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
