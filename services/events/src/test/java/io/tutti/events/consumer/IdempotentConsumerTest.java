package io.tutti.events.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.tutti.events.testing.BrokerProbe;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.tutti.events.type.ContactUpdated;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQMessage;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "tutti_events_test"),
      @ResourceArg(name = "vhost", value = "tutti-test-events")
    })
class IdempotentConsumerTest {

  private static final String DEAD_LETTERS = ProbeConsumer.NAME + ".dlq";

  @Inject ProbeConsumer probe;
  @Inject Pool pool;
  @Inject Vertx vertx;

  private BrokerProbe broker;

  @BeforeEach
  void connect() {
    broker = new BrokerProbe(vertx, TuttiTestInfrastructure.vhost("tutti-test-events"));
    // The connector declares the dead-letter queue as it subscribes, which may still be under way.
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> broker.drain(DEAD_LETTERS) != null);
  }

  @AfterEach
  void disconnect() {
    broker.close();
  }

  @Test
  void redeliveredEventIsHandledOnce() {
    EventEnvelope event = contactUpdated("Ana");

    publish(event);
    publish(event);

    await().atMost(Duration.ofSeconds(10)).until(() -> probe.deliveries(id(event)) == 2);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> handledRows(event) == 1);
    assertThat(processed(event)).isTrue();
  }

  @Test
  void failedHandlingIsRolledBackAndRetriedUntilItSucceeds() {
    EventEnvelope event = contactUpdated("fail-twice");

    publish(event);

    await().atMost(Duration.ofSeconds(10)).until(() -> processed(event));
    assertThat(probe.deliveries(id(event))).isEqualTo(3);
    // The two failed attempts wrote rows too; their transactions were rolled back.
    assertThat(handledRows(event)).isEqualTo(1);
  }

  @Test
  void eventThatKeepsFailingIsDeadLetteredAfterTheBoundedAttempts() {
    EventEnvelope event = contactUpdated("always-fail");

    publish(event);

    List<RabbitMQMessage> dead =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> broker.drain(DEAD_LETTERS), messages -> !messages.isEmpty());
    assertThat(dead).extracting(m -> m.properties().getMessageId()).containsExactly(id(event));
    assertThat(probe.deliveries(id(event))).isEqualTo(3);
    assertThat(handledRows(event)).isZero();
    assertThat(processed(event)).isFalse();
  }

  @Test
  void withTracingOffAnEventAddedByAHandlerKeepsNoTraceEvenWhenTheMessageCarriedOne() {
    EventEnvelope event = contactUpdated("hand-on");
    String trace = UUID.randomUUID().toString().replace("-", "");

    broker.publish(
        event.type(),
        new AMQP.BasicProperties.Builder()
            .messageId(id(event))
            .contentType("application/json")
            .headers(Map.of("traceparent", "00-" + trace + "-" + trace.substring(16) + "-01"))
            .build(),
        EventCodec.encode(event));

    EventEnvelope next =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> probe.handedOnBy(event.id()), added -> added != null);
    // The handler's transaction commits just after it added the event.
    var row =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    pool.preparedQuery(
                            "select traceparent, tracestate from outbox_event where id = $1")
                        .executeAndAwait(Tuple.of(next.id())),
                rows -> rows.size() == 1)
            .iterator()
            .next();
    assertThat(row.getString(0)).isNull();
    assertThat(row.getString(1)).isNull();
  }

  @Test
  void bytesThatAreNoEventAreDeadLetteredWithoutRetry() {
    String messageId = UUID.randomUUID().toString();

    broker.publish(
        "contact.updated",
        new AMQP.BasicProperties.Builder().messageId(messageId).build(),
        "not an event".getBytes(StandardCharsets.UTF_8));

    List<RabbitMQMessage> dead =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> broker.drain(DEAD_LETTERS), messages -> !messages.isEmpty());
    assertThat(dead).extracting(m -> m.body().toString()).containsExactly("not an event");
    assertThat(probe.deliveries(messageId)).isEqualTo(1);
  }

  private void publish(EventEnvelope event) {
    broker.publish(
        event.type(),
        new AMQP.BasicProperties.Builder()
            .messageId(id(event))
            .contentType("application/json")
            .build(),
        EventCodec.encode(event));
  }

  private static EventEnvelope contactUpdated(String name) {
    return EventEnvelope.of(
        "profiles",
        "ws-" + UUID.randomUUID(),
        null,
        new ContactUpdated(
            UUID.randomUUID().toString(), name, List.of(), List.of(), "lead", Map.of()));
  }

  private static String id(EventEnvelope event) {
    return event.id().toString();
  }

  private long handledRows(EventEnvelope event) {
    return pool.preparedQuery("select count(*) from probe_handled where event_id = $1")
        .executeAndAwait(Tuple.of(event.id()))
        .iterator()
        .next()
        .getLong(0);
  }

  private boolean processed(EventEnvelope event) {
    return pool.preparedQuery(
                "select count(*) from processed_event where consumer = $1 and event_id = $2")
            .executeAndAwait(Tuple.of(ProbeConsumer.NAME, event.id()))
            .iterator()
            .next()
            .getLong(0)
        == 1;
  }
}
