package io.tutti.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tutti.events.testing.RecordedSpans;
import io.tutti.events.testing.TuttiTestInfrastructure;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With tracing on, pushing an event to the agents' sockets continues the event's trace. */
@QuarkusTest
@TestProfile(LiveTracingTest.TracingOn.class)
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(value = LiveWorld.class, restrictToAnnotatedClass = true)
class LiveTracingTest {

  /** Tracing as the gateway has it with TUTTI_OTEL_DISABLED=false, sampling what it is sent. */
  public static class TracingOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.otel.sdk.disabled", "false",
          "quarkus.otel.traces.sampler", "parentbased_always_on",
          "quarkus.otel.bsp.schedule.delay", "50ms");
    }
  }

  LiveWorld.Running world;

  @TestHTTPResource("/api/live")
  URI live;

  @Inject RecordedSpans spans;

  @Test
  void pushingAnEventToTheSocketsIsASpanOfTheEventsTrace() {
    String acme = LiveTests.workspace("acme");
    String trace = hex(32);
    String publishSpan = hex(16);
    String traced;
    String untraced;
    try (TestEvents events = new TestEvents(world.vertx)) {
      LiveTests.awaitConsuming(world, live, events);
      try (LiveClient ada =
          LiveClient.ready(world.vertx, live, world.tokens.of("ada", acme, "admin"))) {
        traced =
            events.opened(
                acme,
                LiveTests.id(),
                null,
                null,
                Map.of("traceparent", "00-" + trace + "-" + publishSpan + "-01"));
        untraced = events.opened(acme, LiveTests.id(), null, null);
        ada.awaitEvent(traced);
        ada.awaitEvent(untraced);
      }
    }

    SpanData push =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    spans.ofTrace(trace).stream()
                        .filter(s -> s.getName().equals(LiveTracing.SPAN_NAME))
                        .findFirst()
                        .orElse(null),
                found -> found != null);
    assertThat(push.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(push.getParentSpanId()).isEqualTo(publishSpan);
    assertThat(push.getAttributes().asMap())
        .containsEntry(AttributeKey.stringKey("messaging.message.id"), traced)
        .containsEntry(
            AttributeKey.stringKey("messaging.rabbitmq.destination.routing_key"),
            LiveTopology.CONVERSATION_OPENED);
    // An event that carries no trace is pushed without starting one.
    assertThat(spans.ofMessage(SpanKind.CONSUMER, untraced)).isEmpty();
  }

  private static String hex(int digits) {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, digits);
  }
}
