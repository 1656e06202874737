package io.tutti.events.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every Tutti application serves, database or not: readiness that names the checks of what it
 * depends on, liveness, Prometheus metrics and OpenAPI. A test extends it and adds
 * {@code @QuarkusTest} and its {@link TuttiTestInfrastructure} resource.
 */
public abstract class ServiceEndpointsContract {

  /** The names of the readiness checks this application must report, all UP. */
  protected abstract List<String> readinessChecks();

  @Test
  void readinessIsUpWithWhatItDependsOn() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems(readinessChecks().toArray(String[]::new)));
  }

  @Test
  void livenessIsUp() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void metricsAndOpenApiAreServed() {
    given().when().get("/q/metrics").then().statusCode(200);
    given()
        .when()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("openapi", startsWith("3."));
  }
}
