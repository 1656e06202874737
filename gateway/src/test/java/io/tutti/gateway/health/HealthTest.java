package io.tutti.gateway.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.ServiceEndpointsContract;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
class HealthTest extends ServiceEndpointsContract {

  @Override
  protected List<String> readinessChecks() {
    return List.of("RabbitMQ broker");
  }

  @Test
  void openApiDescribesTheMeEndpoint() {
    given()
        .when()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("paths", hasKey("/api/me"));
  }
}
