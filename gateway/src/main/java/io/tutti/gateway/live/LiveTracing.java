package io.tutti.gateway.live;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Ends an event's trace at the agents' sockets: the push of an event to the sockets that may see it
 * runs in a span {@code live push}, a child of the publish span whose W3C {@code traceparent} the
 * message carries (as {@code io.tutti.events.tracing.EventTracing}, which the gateway does not
 * depend on, puts it there). So the trace that began with a platform's webhook shows when each
 * agent was told.
 *
 * <p>An event that carries no trace (the gateway's own presence events) is pushed without a span:
 * alone, a push is no trace worth keeping. The span is not made current: the broker client calls on
 * an event loop's own context, where Quarkus keeps no trace context, and the push only writes
 * frames. With tracing off ({@code quarkus.otel.sdk.disabled=true}, the default) nothing is done.
 */
@ApplicationScoped
class LiveTracing {

  static final String SPAN_NAME = "live push";

  private static final AttributeKey<String> MESSAGING_SYSTEM =
      AttributeKey.stringKey("messaging.system");
  private static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  private static final AttributeKey<String> ROUTING_KEY =
      AttributeKey.stringKey("messaging.rabbitmq.destination.routing_key");
  private static final AttributeKey<String> MESSAGE_ID =
      AttributeKey.stringKey("messaging.message.id");
  private static final AttributeKey<String> OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");

  private static final TextMapGetter<Map<String, Object>> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, Object> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, Object> carrier, String key) {
          // AMQP gives header strings as LongString; its toString() is the text.
          Object value = carrier == null ? null : carrier.get(key);
          return value == null ? null : value.toString();
        }
      };

  /** Null when tracing is off. */
  private final Tracer tracer;

  LiveTracing(
      Instance<OpenTelemetry> openTelemetry,
      @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
          boolean sdkDisabled,
      @ConfigProperty(name = "quarkus.otel.traces.enabled", defaultValue = "true")
          boolean tracesEnabled) {
    this.tracer =
        !sdkDisabled && tracesEnabled && openTelemetry.isResolvable()
            ? openTelemetry.get().getTracer("io.tutti.gateway.live")
            : null;
  }

  /** Runs the push of one event, in a span continuing the trace its message headers carry. */
  void push(Map<String, Object> headers, String routingKey, LiveEvent event, Runnable push) {
    if (tracer == null || headers == null || headers.get("traceparent") == null) {
      push.run();
      return;
    }
    Context parent =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      push.run();
      return;
    }
    Span span =
        tracer
            .spanBuilder(SPAN_NAME)
            .setSpanKind(SpanKind.CONSUMER)
            .setParent(parent)
            .setAttribute(MESSAGING_SYSTEM, "rabbitmq")
            .setAttribute(DESTINATION, LiveTopology.EVENTS_EXCHANGE)
            .setAttribute(ROUTING_KEY, routingKey)
            .setAttribute(MESSAGE_ID, event.id().toString())
            .setAttribute(OPERATION_TYPE, "process")
            .startSpan();
    try {
      push.run();
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      throw e;
    } finally {
      span.end();
    }
  }
}
