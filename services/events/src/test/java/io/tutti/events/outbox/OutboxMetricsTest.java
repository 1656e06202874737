package io.tutti.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.tutti.events.EventEnvelope;
import io.tutti.events.testing.ScrapedMetrics;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.tutti.events.type.ConversationOpened;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "tutti_events_test"),
      @ResourceArg(name = "vhost", value = "tutti-test-events")
    })
class OutboxMetricsTest {

  @Inject Outbox outbox;
  @Inject OutboxRelay relay;
  @Inject MeterRegistry registry;

  @AfterEach
  void resumeRelay() {
    relay.resume();
  }

  @Test
  void backlogAndItsAgeGrowWhileTheRelayIsStoppedAndDrainWhenItRuns() {
    await().atMost(Duration.ofSeconds(15)).until(() -> pending() == 0);
    relay.pause();
    await().atMost(Duration.ofSeconds(10)).until(() -> !relay.isPassRunning());

    add(3);

    await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 3 && oldestAgeSeconds() >= 1.0);
    assertThat(ScrapedMetrics.value("tutti_outbox_pending")).isEqualTo(3.0);
    assertThat(ScrapedMetrics.value("tutti_outbox_oldest_age_seconds")).isGreaterThanOrEqualTo(1.0);

    relay.resume();

    await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0 && oldestAgeSeconds() == 0);
    assertThat(ScrapedMetrics.value("tutti_outbox_pending")).isZero();
  }

  private double pending() {
    return registry.get("tutti.outbox.pending").gauge().value();
  }

  private double oldestAgeSeconds() {
    return registry.get("tutti.outbox.oldest.age").gauge().value();
  }

  private void add(int count) {
    String workspace = "ws-" + UUID.randomUUID();
    List<EventEnvelope> events =
        IntStream.range(0, count)
            .mapToObj(
                i ->
                    EventEnvelope.of(
                        "test",
                        workspace,
                        null,
                        new ConversationOpened(
                            "conv-" + i,
                            "contact-" + i,
                            "inbox-1",
                            "instagram",
                            "ext-" + i,
                            "open",
                            null,
                            null,
                            Instant.now())))
            .toList();
    try {
      VertxContextSupport.subscribeAndAwait(
          () ->
              Panache.withTransaction(
                  () ->
                      Multi.createFrom()
                          .iterable(events)
                          .onItem()
                          .transformToUniAndConcatenate(outbox::add)
                          .collect()
                          .asList()));
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }
}
