package io.tutti.gateway.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = BrokerReadinessCheckTest.VHOST))
class BrokerReadinessCheckTest {

  static final String VHOST = "tutti-test-gateway";

  /** The vhost the gateway actually uses: VHOST, suffixed with TUTTI_TEST_NAMESPACE when set. */
  private static final String USED_VHOST = TuttiTestInfrastructure.vhost(VHOST);

  @Test
  void reopensItsConnectionAfterTheBrokerClosedIt() {
    // The local broker is part of the test setup (./tutti infra); without rabbitmqctl this test
    // fails loudly.
    assertThat(rabbitmqctl("-q", "status")).as("rabbitmqctl must answer").isNotNull();
    readinessIsUp();
    assertThat(readinessConnections()).isPositive();

    rabbitmqctl(
        "close_all_connections", "--vhost", USED_VHOST, "closed by BrokerReadinessCheckTest");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              readinessIsUp();
              assertThat(readinessConnections()).isPositive();
            });
  }

  private static void readinessIsUp() {
    given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }

  /** Connections into this test's own vhost: only the readiness check connects there. */
  private static long readinessConnections() {
    String listing = rabbitmqctl("-q", "list_connections", "vhost", "state");
    assertThat(listing).isNotNull();
    return listing
        .lines()
        .map(line -> List.of(line.split("\t")))
        .filter(
            columns ->
                columns.size() == 2
                    && columns.get(0).equals(USED_VHOST)
                    && columns.get(1).equals("running"))
        .count();
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
