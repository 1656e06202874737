package io.tutti.web.logging;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request an id, {@code X-Request-Id}: the caller's (the gateway's, for a request
 * it forwards) when it is a sane one, else a fresh UUID. The id is in every log line written while
 * the request is handled (MDC key {@code requestId}; the JSON logs carry it under {@code mdc}, next
 * to OpenTelemetry's {@code traceId} and {@code spanId} when tracing is on) and in the answer.
 */
@ApplicationScoped
public class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";

  /** Ahead of everything else, the gateway's door and proxy included. */
  private static final int ROUTE_ORDER = -10_000;

  /** What an id may look like: no spaces, quotes or line breaks to forge log lines with. */
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  void install(@Observes Router router) {
    router.route().order(ROUTE_ORDER).handler(this::handle);
  }

  private void handle(RoutingContext context) {
    String given = context.request().getHeader(HEADER);
    String id =
        given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    if (!id.equals(given)) {
      context.request().headers().set(HEADER, id);
    }
    // On the request's own (duplicated) context: the MDC follows the request, not the thread.
    MDC.put(MDC_KEY, id);
    context.addHeadersEndHandler(
        v -> {
          if (!context.response().headers().contains(HEADER)) {
            context.response().putHeader(HEADER, id);
          }
        });
    context.next();
  }
}
