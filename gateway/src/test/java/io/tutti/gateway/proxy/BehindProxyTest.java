package io.tutti.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind an ingress every connection comes from the proxy's address. With TUTTI_BEHIND_PROXY the
 * gateway reads the caller from X-Forwarded-For instead: per-address limits stay per caller rather
 * than one bucket for everybody, and the services hear who called.
 */
@QuarkusTest
@TestProfile(BehindProxyTest.BehindAnIngress.class)
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class BehindProxyTest {

  /** The launcher's and Helm's switch, and a public bucket of two requests that does not refill. */
  public static class BehindAnIngress implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "TUTTI_BEHIND_PROXY", "true",
          "tutti.gateway.security.rate-limit.enabled", "true",
          "tutti.gateway.security.rate-limit.public-per-second", "0.001",
          "tutti.gateway.security.rate-limit.public-burst", "2");
    }
  }

  FakeServices.Running services;

  @Test
  void eachForwardedCallerHasItsOwnBucketThoughAllComeFromTheProxy() {
    for (int i = 0; i < 2; i++) {
      given().header("X-Forwarded-For", "203.0.113.7").get("/track").then().statusCode(200);
    }
    given().header("X-Forwarded-For", "203.0.113.7").get("/track").then().statusCode(429);
    given().header("X-Forwarded-For", "198.51.100.23").get("/track").then().statusCode(200);
  }

  @Test
  void theServicesHearTheCallersAddressAndScheme() {
    given()
        .header("X-Forwarded-For", "192.0.2.44")
        .header("X-Forwarded-Proto", "https")
        .get("/webhooks/telegram/inbox-proxy")
        .then()
        .statusCode(200);
    FakeService.Received received =
        services.get("connectors").received("/webhooks/telegram/inbox-proxy").orElseThrow();
    assertThat(received.headers().get("X-Forwarded-For")).isEqualTo("192.0.2.44");
    assertThat(received.headers().get("X-Forwarded-Proto")).isEqualTo("https");
  }
}
