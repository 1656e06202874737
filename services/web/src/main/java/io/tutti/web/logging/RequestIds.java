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
 * the request is handled (MDC key {@code requestId}; the JSON logs carry it under {@code mdc}) and
 * in the answer. The W3C trace id of the caller's {@code traceparent} goes in as {@code traceId},
 * so logs join up across services even with tracing off.
 */
@ApplicationScoped
public class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";

  /** The MDC key OpenTelemetry uses for the trace id, filled from traceparent when it is off. */
  public static final String TRACE_KEY = "traceId";

  /** W3C trace context: version, trace id, parent id, flags. */
  private static final Pattern TRACEPARENT =
      Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

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
    // With tracing on, OpenTelemetry puts the same trace id (of its own span) there itself.
    String traceparent = context.request().getHeader("traceparent");
    if (traceparent != null) {
      java.util.regex.Matcher trace = TRACEPARENT.matcher(traceparent.strip());
      if (trace.matches()) {
        MDC.put(TRACE_KEY, trace.group(1));
      }
    }
    context.addHeadersEndHandler(
        v -> {
          if (!context.response().headers().contains(HEADER)) {
            context.response().putHeader(HEADER, id);
          }
        });
    context.next();
  }
}
