package io.tutti.events.testing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every span a test application exports, so a test can read the trace it caused. A module
 * whose tests switch tracing on produces one as a CDI bean ({@code @Produces @Singleton}); Quarkus
 * exports to every {@link SpanExporter} bean (and leaves OTLP out when there is one).
 *
 * <p>Spans arrive when they end, in batches; read them with Awaitility.
 */
public final class RecordedSpans implements SpanExporter {

  private static final AttributeKey<String> MESSAGE_ID =
      AttributeKey.stringKey("messaging.message.id");

  private final List<SpanData> spans = new CopyOnWriteArrayList<>();

  @Override
  public CompletableResultCode export(Collection<SpanData> batch) {
    spans.addAll(batch);
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  public List<SpanData> all() {
    return List.copyOf(spans);
  }

  public List<SpanData> ofTrace(String traceId) {
    return spans.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
  }

  /** The spans of one kind whose {@code messaging.message.id} is the event's id. */
  public List<SpanData> ofMessage(SpanKind kind, String eventId) {
    return spans.stream()
        .filter(s -> s.getKind() == kind)
        .filter(s -> eventId.equals(s.getAttributes().get(MESSAGE_ID)))
        .toList();
  }

  public Optional<SpanData> byId(String traceId, String spanId) {
    return spans.stream()
        .filter(s -> s.getTraceId().equals(traceId) && s.getSpanId().equals(spanId))
        .findFirst();
  }

  /**
   * The span's parent, its parent's parent and so on, nearest first, as far as they were recorded
   * here; {@link #parentIsRecorded} tells whether the chain stopped at a root or at a gap.
   */
  public List<SpanData> ancestors(SpanData span) {
    List<SpanData> chain = new ArrayList<>();
    SpanData current = span;
    while (SpanId.isValid(current.getParentSpanId())) {
      Optional<SpanData> parent = byId(current.getTraceId(), current.getParentSpanId());
      if (parent.isEmpty()) {
        break;
      }
      current = parent.get();
      chain.add(current);
    }
    return chain;
  }

  /** Whether the span's parent is one of the recorded spans. */
  public boolean parentIsRecorded(SpanData span) {
    return byId(span.getTraceId(), span.getParentSpanId()).isPresent();
  }

  public void clear() {
    spans.clear();
  }
}
