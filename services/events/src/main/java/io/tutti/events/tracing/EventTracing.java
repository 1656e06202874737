package io.tutti.events.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps one trace across the transactional outbox and the broker. The outbox breaks the call chain
 * twice: an event is written in one transaction and published by the relay later, on another
 * context, and its consumers run in other processes. So the trace context travels with the event
 * itself: {@link #capture()} takes it from the change that writes the event (stored with the outbox
 * row), {@link #publishing} records the relay's PRODUCER span as a child of it and gives the AMQP
 * headers that carry the span on, and {@link #processing} runs a consumer's handling inside a
 * CONSUMER span that continues from the message, current for everything the handler does.
 *
 * <p>The format is W3C trace context ({@code traceparent}, {@code tracestate}) whatever propagators
 * a service configures for HTTP: it is the contract between services (ARCHITECTURE.md §3), stored
 * in two columns.
 *
 * <p>With tracing off ({@code quarkus.otel.sdk.disabled=true}, the default, or no OpenTelemetry in
 * the service) nothing is captured, no span is made and the handler runs as it is. That is checked
 * here rather than left to the SDK, because a disabled Quarkus SDK still hands out spans that
 * record (and the messaging connector makes them current in consumers), so "is a span current" is
 * no sign that anybody wants a trace.
 */
@ApplicationScoped
public class EventTracing {

  /**
   * Longest tracestate kept (the W3C recommendation platforms must propagate); a longer one is
   * dropped whole rather than cut in the middle of an entry.
   */
  static final int MAX_TRACESTATE = 512;

  static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<String> SUBSCRIPTION =
      AttributeKey.stringKey("messaging.destination.subscription.name");
  static final AttributeKey<String> ROUTING_KEY =
      AttributeKey.stringKey("messaging.rabbitmq.destination.routing_key");
  static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");
  static final AttributeKey<String> OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");

  private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Map<String, ?>> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, ?> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, ?> carrier, String key) {
          // AMQP gives header strings as LongString; its toString() is the text.
          Object value = carrier == null ? null : carrier.get(key);
          return value == null ? null : value.toString();
        }
      };

  /** Null when tracing is off: nothing is captured and no span is made. */
  private final Tracer tracer;

  public EventTracing(
      Instance<OpenTelemetry> openTelemetry,
      @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
          boolean sdkDisabled,
      @ConfigProperty(name = "quarkus.otel.traces.enabled", defaultValue = "true")
          boolean tracesEnabled) {
    this.tracer =
        !sdkDisabled && tracesEnabled && openTelemetry.isResolvable()
            ? openTelemetry.get().getTracer("io.tutti.events")
            : null;
  }

  /** A trace context as its W3C headers, the way an outbox row keeps it. */
  public record TraceHeaders(String traceparent, String tracestate) {

    /** The headers to put on a message or request; only those that are set. */
    public Map<String, String> asMap() {
      Map<String, String> headers = new HashMap<>(4);
      if (traceparent != null) {
        headers.put(EventTopology.TRACEPARENT_HEADER, traceparent);
        if (tracestate != null) {
          headers.put(EventTopology.TRACESTATE_HEADER, tracestate);
        }
      }
      return headers;
    }
  }

  /**
   * The trace the caller is in, to store with what it writes now and continue later; null when
   * tracing is off or no trace is current.
   */
  public TraceHeaders capture() {
    if (tracer == null) {
      return null;
    }
    Context current = Context.current();
    return Span.fromContext(current).getSpanContext().isValid() ? headersOf(current) : null;
  }

  /**
   * Starts the PRODUCER span of publishing one outbox event, a child of the trace stored with it.
   * An event written outside any trace is published without one: the relay starts no trace of its
   * own. With tracing off here, what was stored is passed on as it is.
   */
  public Publication publishing(UUID eventId, String type, TraceHeaders stored) {
    if (stored == null || stored.traceparent() == null) {
      return Publication.NONE;
    }
    if (tracer == null) {
      return new Publication(null, stored.asMap());
    }
    Context parent = extract(stored.asMap());
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      return Publication.NONE;
    }
    Span span =
        messaging("publish " + EventTopology.EVENTS_EXCHANGE, SpanKind.PRODUCER, parent)
            .setAttribute(DESTINATION, EventTopology.EVENTS_EXCHANGE)
            .setAttribute(ROUTING_KEY, type)
            .setAttribute(MESSAGE_ID, eventId.toString())
            .setAttribute(OPERATION_NAME, "publish")
            .setAttribute(OPERATION_TYPE, "send")
            .startSpan();
    return new Publication(span, headersOf(parent.with(span)).asMap());
  }

  /**
   * Runs a consumer's handling of one event inside a CONSUMER span continuing the message's trace,
   * current on the message's Vert.x context until the handling ends, so its database calls, REST
   * calls and outbox events belong to the same trace.
   *
   * <p>The handling is built inside the span ({@code handling} is called with it current): with
   * context propagation, Mutiny gives each step the trace context of the moment it was assembled,
   * so a pipeline built before would run in the connector's context whatever is current later.
   *
   * <p>The parent is the span the RabbitMQ connector made when it received the message (its own
   * tracing, on by default, extracts the same headers), else the producer's span from the headers:
   * producer → receive → process, or producer → process on a channel with {@code
   * tracing.enabled=false}; never two spans with the same parent.
   */
  public <T> Uni<T> processing(
      String consumer, Message<?> message, EventEnvelope event, Supplier<Uni<T>> handling) {
    if (tracer == null) {
      return handling.get();
    }
    return Uni.createFrom()
        .deferred(
            () -> {
              IncomingRabbitMQMetadata metadata =
                  message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
              SpanBuilder builder =
                  messaging("process " + consumer, SpanKind.CONSUMER, parentOf(message, metadata))
                      .setAttribute(SUBSCRIPTION, consumer)
                      .setAttribute(MESSAGE_ID, event.id().toString())
                      .setAttribute(OPERATION_NAME, "process")
                      .setAttribute(OPERATION_TYPE, "process");
              if (metadata != null) {
                builder
                    .setAttribute(DESTINATION, metadata.getExchange())
                    .setAttribute(ROUTING_KEY, metadata.getRoutingKey());
              }
              return within(builder.startSpan(), handling);
            });
  }

  /**
   * Runs later work that an event asked for (a reply sent by a dispatcher after the command was
   * consumed) inside an INTERNAL span continuing the trace stored for it, built and run with the
   * span current as in {@link #processing}. Without a stored trace, or with tracing off, the work
   * runs as it is.
   */
  public <T> Uni<T> continuing(TraceHeaders stored, String spanName, Supplier<Uni<T>> work) {
    if (tracer == null || stored == null || stored.traceparent() == null) {
      return work.get();
    }
    return Uni.createFrom()
        .deferred(
            () -> {
              Context parent = extract(stored.asMap());
              if (!Span.fromContext(parent).getSpanContext().isValid()) {
                return work.get();
              }
              return within(
                  tracer
                      .spanBuilder(spanName)
                      .setSpanKind(SpanKind.INTERNAL)
                      .setParent(parent)
                      .startSpan(),
                  work);
            });
  }

  private SpanBuilder messaging(String name, SpanKind kind, Context parent) {
    return tracer
        .spanBuilder(name)
        .setSpanKind(kind)
        .setParent(parent)
        .setAttribute(MESSAGING_SYSTEM, "rabbitmq");
  }

  /**
   * The span current while the work is built and runs. Callers run on a Vert.x duplicated context
   * (as Hibernate Reactive requires anyway), where Quarkus keeps the current trace context, so it
   * stays current across the work's asynchronous steps and is restored when the scope closes.
   */
  private static <T> Uni<T> within(Span span, Supplier<Uni<T>> work) {
    Scope scope = Context.current().with(span).makeCurrent();
    Uni<T> running;
    try {
      running = work.get();
    } catch (RuntimeException e) {
      scope.close();
      end(span, e);
      throw e;
    }
    return running
        .onTermination()
        .invoke(
            (item, failure, cancelled) -> {
              scope.close();
              end(span, failure);
            });
  }

  /**
   * The message's trace: the connector's receive span when it made one for these headers, else the
   * headers' own (a connector with a propagator other than W3C would have started a new trace).
   */
  private static Context parentOf(Message<?> message, IncomingRabbitMQMetadata metadata) {
    Context fromHeaders = metadata == null ? Context.root() : extract(metadata.getHeaders());
    SpanContext sent = Span.fromContext(fromHeaders).getSpanContext();
    Context received =
        TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext).orElse(null);
    if (received != null) {
      SpanContext receive = Span.fromContext(received).getSpanContext();
      if (receive.isValid()
          && (!sent.isValid() || receive.getTraceId().equals(sent.getTraceId()))) {
        return received;
      }
    }
    return fromHeaders;
  }

  private static Context extract(Map<String, ?> headers) {
    return W3C.extract(Context.root(), headers, HEADERS);
  }

  private static TraceHeaders headersOf(Context context) {
    Map<String, String> carrier = new HashMap<>(4);
    W3C.inject(context, carrier, Map::put);
    String state = carrier.get(EventTopology.TRACESTATE_HEADER);
    return new TraceHeaders(
        carrier.get(EventTopology.TRACEPARENT_HEADER),
        state == null || state.isEmpty() || state.length() > MAX_TRACESTATE ? null : state);
  }

  private static void end(Span span, Throwable failure) {
    if (failure != null) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }
    span.end();
  }

  /**
   * The PRODUCER span of one event on its way to the broker, and the headers that carry its trace
   * on; ended when the broker confirms or refuses the event.
   */
  public static final class Publication {

    static final Publication NONE = new Publication(null, Map.of());

    private final Span span;
    private final Map<String, String> headers;

    Publication(Span span, Map<String, String> headers) {
      this.span = span;
      this.headers = headers;
    }

    /** {@code traceparent} and {@code tracestate}, as far as there is a trace. */
    public Map<String, String> headers() {
      return headers;
    }

    /** Ends the span: confirmed when {@code failure} is null, else failed with it. */
    public void end(Throwable failure) {
      if (span != null) {
        EventTracing.end(span, failure);
      }
    }
  }
}
