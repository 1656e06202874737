package io.tutti.tests.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A service that stops: its routes answer 503 problem+json through the gateway while every other
 * service's keep answering, and once it is started again the gateway forwards to it without being
 * restarted itself. Stops and starts profiles with the launcher ({@code ./tutti stop|start}).
 */
class ServiceRecoveryIT {

  private static final String GATEWAY_URL = RunningSystem.GATEWAY_URL;

  @Test
  void aStoppedServicesRoutesAnswer503TheOthersKeepWorkingAndItComesBackOnItsOwn()
      throws Exception {
    String ada = RunningSystem.accessTokenFor("ada");
    given().auth().oauth2(ada).get(GATEWAY_URL + "/api/contacts?q=a").then().statusCode(200);
    try {
      launcher("stop", "profiles");

      given()
          .auth()
          .oauth2(ada)
          .get(GATEWAY_URL + "/api/contacts?q=a")
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .body("type", equalTo("urn:tutti:problem:service-unavailable"));
      given().auth().oauth2(ada).get(GATEWAY_URL + "/api/conversations").then().statusCode(200);
      given().auth().oauth2(ada).get(GATEWAY_URL + "/api/inboxes").then().statusCode(200);
      given()
          .auth()
          .oauth2(ada)
          .get(GATEWAY_URL + "/api/attribution/report?from=2026-01-01&to=2026-01-31")
          .then()
          .statusCode(200);
    } finally {
      launcher("start", "profiles");
    }
    // Within the circuit breaker's pause at most: no gateway restart.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(ada)
                    .get(GATEWAY_URL + "/api/contacts?q=a")
                    .then()
                    .statusCode(200));
  }

  /** Runs the launcher of this checkout (the tests run in {@code tests/}); it must succeed. */
  private static void launcher(String... arguments) throws Exception {
    Path tutti = Path.of("..", "tutti").toAbsolutePath().normalize();
    assertThat(Files.isExecutable(tutti)).as("the launcher at %s", tutti).isTrue();
    List<String> command = new ArrayList<>(List.of(tutti.toString()));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .directory(tutti.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/launcher.log")))
            .start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS))
        .as("./tutti %s finished", String.join(" ", arguments))
        .isTrue();
    assertThat(process.exitValue())
        .as("./tutti %s (output in tests/target/launcher.log)", String.join(" ", arguments))
        .isZero();
  }
}
