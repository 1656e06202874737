package io.tutti.events.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tutti.events.EventEnvelope;
import io.tutti.events.consumer.ProbeConsumer;
import io.tutti.events.outbox.Outbox;
import io.tutti.events.testing.BrokerProbe;
import io.tutti.events.testing.RecordedSpans;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.tutti.events.type.ContactUpdated;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQMessage;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With tracing on: the trace of the change that writes an event goes on through the outbox, the
 * relay's publish span and the AMQP headers into the consumer's span, and on into what the handler
 * does.
 */
@QuarkusTest
@TestProfile(EventTracingTest.TracingOn.class)
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "tutti_events_test"),
      @ResourceArg(name = "vhost", value = "tutti-test-events")
    })
class EventTracingTest {

  /** Tracing as a service has it with TUTTI_OTEL_DISABLED=false, exporting to the test's spans. */
  public static class TracingOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms");
    }
  }

  private static final String WIRE = "events-test.traced-wire";
  private static final String PROCESS = "process " + ProbeConsumer.NAME;
  private static final String CALLER_STATE = "congo=t61rcWkgMzE";

  @Inject Outbox outbox;
  @Inject ProbeConsumer probe;
  @Inject RecordedSpans spans;
  @Inject OpenTelemetry openTelemetry;
  @Inject Pool pool;
  @Inject Vertx vertx;

  private BrokerProbe broker;
  private final List<RabbitMQMessage> wire = new ArrayList<>();

  @BeforeEach
  void connect() {
    broker = new BrokerProbe(vertx, TuttiTestInfrastructure.vhost("tutti-test-events"));
    broker.bindFreshQueue(WIRE, "contact.updated", new JsonObject());
  }

  @AfterEach
  void disconnect() {
    broker.deleteQueue(WIRE);
    broker.close();
  }

  @Test
  void oneTraceRunsFromTheChangeThroughTheRelayIntoTheConsumerAndOn() {
    SpanContext caller = remoteCaller();
    Span request =
        openTelemetry
            .getTracer("test")
            .spanBuilder("POST /webhooks/probe")
            .setSpanKind(SpanKind.SERVER)
            .setParent(Context.root().with(Span.wrap(caller)))
            .startSpan();
    String traceId = caller.getTraceId();
    String requestSpan = request.getSpanContext().getSpanId();
    EventEnvelope event = contactUpdated("hand-on");

    addWithin(request, event);
    request.end();

    assertThat(storedTrace(event)).containsExactly(traceparent(traceId, requestSpan), CALLER_STATE);
    SpanData process = awaitOne(PROCESS, event);
    SpanData producer = awaitOne("publish tutti.events", event);
    assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
    assertThat(producer.getTraceId()).isEqualTo(traceId);
    assertThat(producer.getParentSpanId()).isEqualTo(requestSpan);
    assertThat(producer.getAttributes().asMap())
        .containsEntry(key("messaging.system"), "rabbitmq")
        .containsEntry(key("messaging.destination.name"), "tutti.events")
        .containsEntry(key("messaging.rabbitmq.destination.routing_key"), "contact.updated")
        .containsEntry(key("messaging.message.id"), event.id().toString());

    assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(process.getTraceId()).isEqualTo(traceId);
    assertThat(process.getAttributes().asMap())
        .containsEntry(key("messaging.system"), "rabbitmq")
        .containsEntry(key("messaging.destination.name"), "tutti.events")
        .containsEntry(key("messaging.rabbitmq.destination.routing_key"), "contact.updated")
        .containsEntry(key("messaging.destination.subscription.name"), ProbeConsumer.NAME)
        .containsEntry(key("messaging.operation.type"), "process");
    // process -> the connector's receive span -> publish -> the request; nothing missing between.
    List<SpanData> chain = spans.ancestors(process);
    assertThat(chain)
        .extracting(SpanData::getKind)
        .containsExactly(SpanKind.CONSUMER, SpanKind.PRODUCER, SpanKind.SERVER);
    assertThat(chain.get(1).getSpanId()).isEqualTo(producer.getSpanId());
    assertThat(chain.get(2).getSpanId()).isEqualTo(requestSpan);

    // What went over the wire carries the publish span and the caller's tracestate.
    RabbitMQMessage sent = awaitOnWire(event);
    assertThat(sent.properties().getHeaders().get("traceparent").toString())
        .isEqualTo(traceparent(traceId, producer.getSpanId()));
    assertThat(sent.properties().getHeaders().get("tracestate").toString()).isEqualTo(CALLER_STATE);

    // The handler still runs in the consumer's span after its database call came back, and the
    // event it adds continues the trace from there.
    assertThat(probe.spanSeenBy(event.id()).getSpanId()).isEqualTo(process.getSpanId());
    EventEnvelope next =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> probe.handedOnBy(event.id()), e -> e != null);
    assertThat(storedTrace(next))
        .containsExactly(traceparent(traceId, process.getSpanId()), CALLER_STATE);
    SpanData nextProcess = awaitOne(PROCESS, next);
    assertThat(nextProcess.getTraceId()).isEqualTo(traceId);
    assertThat(spans.ancestors(nextProcess))
        .extracting(SpanData::getSpanId)
        .contains(process.getSpanId(), producer.getSpanId(), requestSpan);
  }

  @Test
  void eventWrittenOutsideAnyTraceStartsNoneAtTheRelayButIsStillTracedWhereConsumed() {
    EventEnvelope event = contactUpdated("untraced");

    addWithin(Span.getInvalid(), event);

    assertThat(storedTrace(event)).containsExactly(null, null);
    SpanData process = awaitOne(PROCESS, event);
    assertThat(spans.ofMessage(SpanKind.PRODUCER, event.id().toString())).isEmpty();
    assertThat(spans.ofTrace(process.getTraceId()))
        .extracting(SpanData::getKind)
        .doesNotContain(SpanKind.PRODUCER, SpanKind.SERVER);
    assertThat(awaitOnWire(event).properties().getHeaders()).doesNotContainKey("traceparent");
  }

  @Test
  void everyAttemptOfAFailingHandlerIsASpanOfTheSameTraceAndTheFailuresAreMarked() {
    Span request = openTelemetry.getTracer("test").spanBuilder("POST /webhooks/probe").startSpan();
    EventEnvelope event = contactUpdated("fail-twice");

    addWithin(request, event);
    request.end();

    List<SpanData> attempts =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    spans.ofMessage(SpanKind.CONSUMER, event.id().toString()).stream()
                        .filter(s -> s.getName().equals(PROCESS))
                        .toList(),
                found -> found.size() == 3);
    assertThat(attempts)
        .allSatisfy(
            s -> assertThat(s.getTraceId()).isEqualTo(request.getSpanContext().getTraceId()));
    assertThat(attempts)
        .extracting(s -> s.getStatus().getStatusCode())
        .containsExactlyInAnyOrder(StatusCode.ERROR, StatusCode.ERROR, StatusCode.UNSET);
  }

  private void addWithin(Span span, EventEnvelope event) {
    try {
      VertxContextSupport.subscribeAndAwait(
          () ->
              Uni.createFrom()
                  .deferred(
                      () -> {
                        Scope scope = Context.root().with(span).makeCurrent();
                        return Panache.withTransaction(() -> outbox.add(event))
                            .eventually(scope::close);
                      }));
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }

  private SpanData awaitOne(String name, EventEnvelope event) {
    List<SpanData> found =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    spans.all().stream()
                        .filter(s -> s.getName().equals(name))
                        .filter(
                            s ->
                                event
                                    .id()
                                    .toString()
                                    .equals(s.getAttributes().get(key("messaging.message.id"))))
                        .toList(),
                spans -> !spans.isEmpty());
    // Settled: one span per step, not a second one beside it.
    await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
    assertThat(
            spans.all().stream()
                .filter(s -> s.getName().equals(name))
                .filter(
                    s ->
                        event
                            .id()
                            .toString()
                            .equals(s.getAttributes().get(key("messaging.message.id")))))
        .hasSize(1);
    return found.getFirst();
  }

  private RabbitMQMessage awaitOnWire(EventEnvelope event) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              wire.addAll(broker.drain(WIRE));
              return wire.stream()
                  .filter(m -> event.id().toString().equals(m.properties().getMessageId()))
                  .findFirst()
                  .orElse(null);
            },
            m -> m != null);
  }

  /** The trace kept with the event's outbox row, once the row is committed. */
  private List<String> storedTrace(EventEnvelope event) {
    Row row =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    pool.preparedQuery(
                            "select traceparent, tracestate from outbox_event where id = $1")
                        .executeAndAwait(Tuple.of(event.id())),
                rows -> rows.size() == 1)
            .iterator()
            .next();
    List<String> trace = new ArrayList<>();
    trace.add(row.getString(0));
    trace.add(row.getString(1));
    return trace;
  }

  /** A caller upstream of the first service, with a vendor's tracestate, as a webhook may bring. */
  private static SpanContext remoteCaller() {
    String hex = UUID.randomUUID().toString().replace("-", "");
    return SpanContext.createFromRemoteParent(
        hex,
        UUID.randomUUID().toString().replace("-", "").substring(0, 16),
        TraceFlags.getSampled(),
        TraceState.builder().put("congo", "t61rcWkgMzE").build());
  }

  private static String traceparent(String traceId, String spanId) {
    return "00-" + traceId + "-" + spanId + "-01";
  }

  private static AttributeKey<String> key(String name) {
    return AttributeKey.stringKey(name);
  }

  private static EventEnvelope contactUpdated(String name) {
    return EventEnvelope.of(
        "profiles",
        "ws-" + UUID.randomUUID(),
        null,
        new ContactUpdated(
            UUID.randomUUID().toString(), name, List.of(), List.of(), "lead", Map.of()));
  }
}
