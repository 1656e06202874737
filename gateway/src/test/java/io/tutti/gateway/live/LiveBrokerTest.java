package io.tutti.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The gateway's own queue, and what happens when the broker drops the gateway. */
@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(value = LiveWorld.class, restrictToAnnotatedClass = true)
class LiveBrokerTest {

  LiveWorld.Running world;

  @TestHTTPResource("/api/live")
  URI live;

  @Test
  void theGatewayConsumesAnExclusiveAutoDeletedQueueOfItsOwn() {
    try (TestEvents events = new TestEvents(world.vertx)) {
      LiveTests.awaitConsuming(world, live, events);
    }
    String queues =
        rabbitmqctl(
            "-q",
            "list_queues",
            "-p",
            TestEvents.VHOST,
            "name",
            "durable",
            "auto_delete",
            "exclusive");
    assertThat(queues).as("rabbitmqctl must answer").isNotNull();
    assertThat(queues.lines().filter(line -> line.startsWith("gateway.live.")))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line.split("\t"))
                    .containsExactly(line.split("\t")[0], "false", "true", "true"));
  }

  @Test
  void afterLosingTheBrokerEverySocketIsToldToRefreshAndEventsFlowAgain() {
    String acme = LiveTests.workspace("acme");
    try (TestEvents events = new TestEvents(world.vertx)) {
      LiveTests.awaitConsuming(world, live, events);
    }
    try (LiveClient ada =
        LiveClient.ready(world.vertx, live, world.tokens.of("ada", acme, "admin"))) {
      assertThat(
              rabbitmqctl(
                  "close_all_connections", "--vhost", TestEvents.VHOST, "closed by LiveBrokerTest"))
          .as("rabbitmqctl must answer")
          .isNotNull();

      ada.awaitFrame(frame -> "refresh".equals(frame.getString("type")));
      try (TestEvents events = new TestEvents(world.vertx)) {
        ada.awaitEvent(events.opened(acme, LiveTests.id(), null, null));
      }
      assertThat(ada.isClosed()).isFalse();
    }
  }

  /** The command's output, or null when rabbitmqctl is missing or fails. */
  private static String rabbitmqctl(String... args) {
    List<String> command = Stream.concat(Stream.of("rabbitmqctl"), Stream.of(args)).toList();
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return null;
      }
      return output;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
