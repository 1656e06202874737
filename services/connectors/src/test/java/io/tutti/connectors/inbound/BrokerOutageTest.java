package io.tutti.connectors.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Deliveries;
import io.tutti.connectors.testing.EventTap;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTypes;
import io.tutti.events.type.MessageReceived;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The broker is not on the webhook path: with RabbitMQ stopped, platforms still get their 200, and
 * every accepted message is published exactly once when it is back.
 */
@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class BrokerOutageTest {

  private static final int BURST = 200;
  private static final Path RABBITMQCTL = rabbitmqctlPath();

  @Inject Vertx vertx;

  @Test
  void burstAcceptedWhileTheBrokerIsStoppedIsPublishedExactlyOnceAfterwards() throws Exception {
    assertThat(RABBITMQCTL)
        .as("the local RabbitMQ's rabbitmqctl, to stop and start the broker (on PATH or /usr/sbin)")
        .isNotNull();
    String account = String.valueOf(System.nanoTime());
    JsonPath inbox = Inboxes.instagram(account);
    String inboxId = inbox.getString("id");
    String path = Inboxes.webhookPath(inbox);

    try (EventTap tap = new EventTap(vertx, EventTypes.MESSAGE_RECEIVED)) {
      rabbitmqctl("stop_app");
      try {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<Integer>> statuses =
            IntStream.range(0, BURST)
                .mapToObj(i -> senders.submit(() -> post(path, account, i)))
                .toList();
        for (Future<Integer> status : statuses) {
          assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        }
        senders.shutdown();
        assertThat(Deliveries.count(inboxId)).isEqualTo(BURST);
        // The broker really was away: readiness says so while webhooks kept being answered.
        given().when().get("/q/health/ready").then().statusCode(503);
        // A retried delivery during the outage must not add a 201st message.
        assertThat(post(path, account, 7)).isEqualTo(200);
      } finally {
        rabbitmqctl("start_app");
        rabbitmqctl("await_startup");
      }
      tap.reconnect();

      List<EventEnvelope> events = tap.awaitExactly(inboxId, BURST, Duration.ofSeconds(90));
      assertThat(events).hasSize(BURST);
      assertThat(events.stream().map(e -> ((MessageReceived) e.payload()).platformMessageId()))
          .doesNotHaveDuplicates()
          .hasSize(BURST);
    }
  }

  private static int post(String path, String account, int i) {
    byte[] body =
        ("{\"object\":\"instagram\",\"entry\":[{\"id\":\""
                + account
                + "\",\"time\":1731312000512,\"messaging\":[{\"sender\":{\"id\":\"customer-"
                + (i % 37)
                + "\"},\"recipient\":{\"id\":\""
                + account
                + "\"},\"timestamp\":1731312000301,\"message\":{\"mid\":\"outage-"
                + account
                + "-"
                + i
                + "\",\"text\":\"message "
                + i
                + "\"}}]}]}")
            .getBytes(StandardCharsets.UTF_8);
    return Inboxes.postMeta(path, body).statusCode();
  }

  private static Path rabbitmqctlPath() {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin";
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "rabbitmqctl");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static void rabbitmqctl(String command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(RABBITMQCTL.toString(), command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS))
        .as("rabbitmqctl %s finished", command)
        .isTrue();
    assertThat(process.exitValue()).as("rabbitmqctl %s: %s", command, output).isZero();
  }
}
