package io.tutti.gateway.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every answer carries the request's id: the caller's when sane, else a fresh one. */
@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
class RequestIdTest {

  @Test
  void theCallersIdComesBack() {
    String id =
        given().header("X-Request-Id", "req-42.a").get("/q/health/live").header("X-Request-Id");
    assertThat(id).isEqualTo("req-42.a");
  }

  @Test
  void aMissingOrUnfitIdIsReplacedByAFreshOne() {
    String fresh = given().get("/api/me").header("X-Request-Id");
    assertThat(UUID.fromString(fresh)).isNotNull();
    String replaced =
        given()
            .header("X-Request-Id", "forged\" level=\"ERROR")
            .get("/q/health/live")
            .header("X-Request-Id");
    assertThat(UUID.fromString(replaced)).isNotNull();
  }
}
