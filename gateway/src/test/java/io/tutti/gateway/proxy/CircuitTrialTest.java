package io.tutti.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The half-open circuit's trial is a request like any other, retries included: when it fails the
 * circuit opens again and, after the pause, lets the next trial through. A trial whose retry was
 * refused by its own circuit once stayed out for ever, and the service's routes answered 503 until
 * the gateway restarted. profiles is down here.
 */
@QuarkusTest
@TestProfile(CircuitTrialTest.ShortPause.class)
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(
    value = FakeServices.class,
    initArgs = {
      @ResourceArg(name = "down", value = "profiles"),
      @ResourceArg(name = "breaker-threshold", value = "2")
    },
    restrictToAnnotatedClass = true)
class CircuitTrialTest {

  /** A circuit that opens after two failures and pauses only briefly. */
  public static class ShortPause implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("tutti.gateway.proxy.circuit-breaker-open-for", "300ms");
    }
  }

  FakeServices.Running services;

  @Test
  void everyPauseEndsWithATrialEvenWhenTheTrialBeforeWasRetriedAndFailed() {
    for (int i = 0; i < 2; i++) {
      contact().then().statusCode(503).body("detail", containsString("cannot be reached"));
    }
    contact().then().statusCode(503).body("detail", containsString("is failing"));
    for (int trial = 0; trial < 3; trial++) {
      // Past the 300 ms pause: the circuit lets a trial through.
      await().pollDelay(Duration.ofMillis(400)).until(() -> true);
      // A GET is retried once; both tries find profiles down, and the circuit opens again.
      contact().then().statusCode(503).body("detail", containsString("cannot be reached"));
      contact().then().statusCode(503).body("detail", containsString("is failing"));
    }
  }

  private static io.restassured.response.Response contact() {
    return given()
        .header("Authorization", "Bearer token-" + UUID.randomUUID())
        .get("/api/contacts/" + UUID.randomUUID());
  }
}
