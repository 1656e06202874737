package io.tutti.connectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.rabbitmq.client.AMQP;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.Bot;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.FakePlatforms;
import io.tutti.connectors.testing.Fixtures;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.connectors.testing.OutboundTest;
import io.tutti.connectors.testing.Replies;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTypes;
import io.tutti.events.testing.BrokerProbe;
import io.tutti.events.testing.RecordedSpans;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.OutboundRequested;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.rabbitmq.RabbitMQMessage;
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
 * With tracing on, connectors' two ends of one trace: a platform's webhook request goes on into the
 * event it becomes, and a reply's {@code outbound.requested} goes on into the call to the
 * platform's API and the status event that reports it.
 */
@QuarkusTest
@ConnectorsTest
@TestProfile(TraceContinuityTest.TracingOn.class)
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class TraceContinuityTest extends OutboundTest {

  /** Tracing as connectors has it with TUTTI_OTEL_DISABLED=false, exporting to the test's spans. */
  public static class TracingOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms");
    }
  }

  private static final String WIRE = "connectors-test.traced-wire";
  private static final String CALLER_STATE = "congo=t61rcWkgMzE";

  @Inject RecordedSpans spans;

  private BrokerProbe broker;
  private final List<RabbitMQMessage> wire = new ArrayList<>();

  @BeforeEach
  void bindWire() {
    broker = new BrokerProbe(vertx, TuttiTestInfrastructure.vhost(ConnectorsTest.VHOST));
    broker.bindFreshQueue(WIRE, EventTypes.MESSAGE_RECEIVED, new JsonObject());
    broker.bind(WIRE, EventTypes.MESSAGE_STATUS_CHANGED);
  }

  @AfterEach
  void unbindWire() {
    broker.deleteQueue(WIRE);
    broker.close();
  }

  @Test
  void webhookRequestsTraceGoesOnIntoTheEventItBecomes() {
    JsonPath inbox = Inboxes.telegram();
    String trace = hex(32);
    String platformSpan = hex(16);

    given()
        .contentType("application/json")
        .header("X-Telegram-Bot-Api-Secret-Token", Inboxes.TELEGRAM_SECRET)
        .header("traceparent", "00-" + trace + "-" + platformSpan + "-01")
        .header("tracestate", CALLER_STATE)
        .body(Fixtures.bytes("telegram/text_message_update.json"))
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(200);

    RabbitMQMessage sent =
        awaitOnWire(
            event ->
                event.payload() instanceof MessageReceived received
                    && received.inboxId().equals(inbox.getString("id")));
    SpanData publish =
        awaitSpan(s -> s.getKind() == SpanKind.PRODUCER && s.getTraceId().equals(trace));
    SpanData request = spans.byId(trace, publish.getParentSpanId()).orElseThrow();
    assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(request.getParentSpanId()).isEqualTo(platformSpan);
    assertThat(sent.properties().getHeaders().get("traceparent").toString())
        .isEqualTo("00-" + trace + "-" + publish.getSpanId() + "-01");
    assertThat(sent.properties().getHeaders().get("tracestate").toString()).isEqualTo(CALLER_STATE);
  }

  @Test
  void replyToThePlatformContinuesTheTraceOfItsCommand() {
    Bot bot = Bot.connect();
    FakePlatforms.answer(bot.path("sendMessage"), 200, sentMessage());
    OutboundRequested reply = Replies.text(bot.inboxId(), "telegram", "1111111", "On our way.");
    EventEnvelope command = EventEnvelope.of("conversations", "acme", null, reply);
    String trace = hex(32);
    String conversationsSpan = hex(16);

    broker.publish(
        command.type(),
        new AMQP.BasicProperties.Builder()
            .messageId(command.id().toString())
            .contentType("application/json")
            .headers(
                Map.of(
                    "traceparent",
                    "00-" + trace + "-" + conversationsSpan + "-01",
                    "tracestate",
                    CALLER_STATE))
            .build(),
        EventCodec.encode(command));

    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    // The platform got the trace on its request, from the HTTP client's span.
    LoggedRequest call = FakePlatforms.requestsTo(bot.path("sendMessage")).getFirst();
    assertThat(call.getHeader("traceparent")).startsWith("00-" + trace + "-");
    SpanData client =
        awaitSpan(
            s ->
                s.getKind() == SpanKind.CLIENT
                    && call.getHeader("traceparent")
                        .equals("00-" + trace + "-" + s.getSpanId() + "-01"));
    List<SpanData> chain = spans.ancestors(client);
    assertThat(chain)
        .extracting(SpanData::getName)
        .containsSubsequence("send reply telegram", "process connectors.outbound-requested");
    assertThat(chain.getLast().getParentSpanId()).isEqualTo(conversationsSpan);
    // The status event that tells conversations goes on in the same trace.
    RabbitMQMessage status =
        awaitOnWire(
            event ->
                event.payload() instanceof MessageStatusChanged changed
                    && reply.messageId().equals(changed.messageId()));
    assertThat(status.properties().getHeaders().get("traceparent").toString())
        .startsWith("00-" + trace + "-");
  }

  private SpanData awaitSpan(java.util.function.Predicate<SpanData> wanted) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> spans.all().stream().filter(wanted).findFirst().orElse(null),
            found -> found != null);
  }

  private RabbitMQMessage awaitOnWire(java.util.function.Predicate<EventEnvelope> wanted) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              wire.addAll(broker.drain(WIRE));
              return wire.stream()
                  .filter(m -> wanted.test(EventCodec.decode(m.body().getBytes())))
                  .findFirst()
                  .orElse(null);
            },
            found -> found != null);
  }

  private static String hex(int digits) {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, digits);
  }

  private static String sentMessage() {
    return "{\"ok\":true,\"result\":{\"message_id\":4242,\"from\":{\"id\":123456789,\"is_bot\":true,"
               + "\"first_name\":\"Acme\",\"username\":\"acme_bot\"},\"chat\":{\"id\":1111111,"
               + "\"first_name\":\"Test\",\"type\":\"private\"},\"date\":1441645600,\"text\":\"ok\"}}";
  }
}
