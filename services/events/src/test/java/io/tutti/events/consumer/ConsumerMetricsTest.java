package io.tutti.events.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.testing.BrokerProbe;
import io.tutti.events.testing.ScrapedMetrics;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.tutti.events.type.ContactUpdated;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probe consumer's lag and outcomes, as its meters and as Prometheus scrapes them. */
@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "tutti_events_test"),
      @ResourceArg(name = "vhost", value = "tutti-test-events")
    })
class ConsumerMetricsTest {

  private static final String NAME = ProbeConsumer.NAME;
  private static final String DEAD_LETTERS = NAME + ".dlq";

  @Inject ProbeConsumer probe;
  @Inject MeterRegistry registry;
  @Inject Vertx vertx;

  private BrokerProbe broker;

  @BeforeEach
  void connect() {
    broker = new BrokerProbe(vertx, TuttiTestInfrastructure.vhost("tutti-test-events"));
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> broker.drain(DEAD_LETTERS) != null);
  }

  @AfterEach
  void disconnect() {
    broker.drain(DEAD_LETTERS);
    broker.close();
  }

  @Test
  void handledEventIsCountedWithItsLagFromWhenItOccurred() {
    double handled = count("tutti.consumer.handled");
    long lags = lagCount();
    double scrapedLags = ScrapedMetrics.value("tutti_consumer_lag_seconds_count", "consumer", NAME);
    // Emitted three seconds ago: the relay, the broker and the queue took that long.
    EventEnvelope event = contactUpdated("Ana", Instant.now().minusSeconds(3));

    publish(event);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count("tutti.consumer.handled") == handled + 1);
    Timer lag = registry.get("tutti.consumer.lag").tag("consumer", NAME).timer();
    assertThat(lag.count()).isEqualTo(lags + 1);
    assertThat(lag.max(TimeUnit.SECONDS)).isBetween(3.0, 30.0);
    assertThat(ScrapedMetrics.value("tutti_consumer_lag_seconds_count", "consumer", NAME))
        .isEqualTo(scrapedLags + 1);
    assertThat(ScrapedMetrics.value("tutti_consumer_handled_total", "consumer", NAME))
        .isEqualTo(handled + 1);
    // A percentile histogram, so p95 can be computed across pods.
    assertThat(
            ScrapedMetrics.value(
                "tutti_consumer_lag_seconds_bucket", "consumer", NAME, "le", "+Inf"))
        .isEqualTo(scrapedLags + 1);
  }

  @Test
  void redeliveredEventCountsAsADuplicateNotAsHandledTwice() {
    double handled = count("tutti.consumer.handled");
    double duplicates = count("tutti.consumer.duplicates");
    EventEnvelope event = contactUpdated("Bea", Instant.now());

    publish(event);
    publish(event);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count("tutti.consumer.duplicates") == duplicates + 1);
    assertThat(count("tutti.consumer.handled")).isEqualTo(handled + 1);
  }

  @Test
  void failedAttemptsAreCountedAsRetriesUntilTheEventIsHandled() {
    double retried = count("tutti.consumer.retried");
    double handled = count("tutti.consumer.handled");
    double exhausted = deadLettered(ConsumerMetrics.EXHAUSTED);
    EventEnvelope event = contactUpdated("fail-twice", Instant.now());

    publish(event);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count("tutti.consumer.handled") == handled + 1);
    assertThat(count("tutti.consumer.retried")).isEqualTo(retried + 2);
    assertThat(deadLettered(ConsumerMetrics.EXHAUSTED)).isEqualTo(exhausted);
  }

  @Test
  void eventThatKeepsFailingIsCountedAsDeadLetteredOnceAfterItsRetries() {
    double retried = count("tutti.consumer.retried");
    double exhausted = deadLettered(ConsumerMetrics.EXHAUSTED);
    double handled = count("tutti.consumer.handled");

    publish(contactUpdated("always-fail", Instant.now()));

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> deadLettered(ConsumerMetrics.EXHAUSTED) == exhausted + 1);
    assertThat(count("tutti.consumer.retried")).isEqualTo(retried + 2);
    assertThat(count("tutti.consumer.handled")).isEqualTo(handled);
    assertThat(
            ScrapedMetrics.value(
                "tutti_consumer_dead_lettered_total", "consumer", NAME, "reason", "exhausted"))
        .isEqualTo(exhausted + 1);
  }

  @Test
  void bytesThatAreNoEventAreCountedAsMalformedDeadLetters() {
    double malformed = deadLettered(ConsumerMetrics.MALFORMED);
    double retried = count("tutti.consumer.retried");

    broker.publish(
        "contact.updated",
        new AMQP.BasicProperties.Builder().messageId(UUID.randomUUID().toString()).build(),
        "not an event".getBytes(StandardCharsets.UTF_8));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> deadLettered(ConsumerMetrics.MALFORMED) == malformed + 1);
    assertThat(count("tutti.consumer.retried")).isEqualTo(retried);
  }

  private long lagCount() {
    Timer timer = registry.find("tutti.consumer.lag").tag("consumer", NAME).timer();
    return timer == null ? 0 : timer.count();
  }

  private double count(String name) {
    Counter counter = registry.find(name).tag("consumer", NAME).counter();
    return counter == null ? 0 : counter.count();
  }

  private double deadLettered(String reason) {
    Counter counter =
        registry
            .find("tutti.consumer.dead.lettered")
            .tag("consumer", NAME)
            .tag("reason", reason)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private void publish(EventEnvelope event) {
    broker.publish(
        event.type(),
        new AMQP.BasicProperties.Builder()
            .messageId(event.id().toString())
            .contentType("application/json")
            .build(),
        EventCodec.encode(event));
  }

  private static EventEnvelope contactUpdated(String name, Instant occurredAt) {
    ContactUpdated payload =
        new ContactUpdated(
            UUID.randomUUID().toString(), name, List.of(), List.of(), "lead", Map.of());
    return new EventEnvelope(
        UuidV7.next(),
        payload.type(),
        payload.version(),
        occurredAt,
        "ws-" + UUID.randomUUID(),
        "profiles",
        null,
        payload);
  }
}
