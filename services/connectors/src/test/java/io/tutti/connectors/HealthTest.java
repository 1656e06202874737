package io.tutti.connectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "tutti_connectors_test"),
      @ResourceArg(name = "vhost", value = "tutti-test-connectors")
    })
class HealthTest {

  @Inject Pool pool;

  @Test
  void readinessIsUpWithDatabaseAndBroker() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body(
            "checks.name",
            hasItems(
                "Reactive PostgreSQL connections health check", "RabbitMQ broker (outbox relay)"));
  }

  @Test
  void livenessIsUp() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void flywayAppliedTheEventTables() {
    List<String> applied = new ArrayList<>();
    for (Row row :
        pool.query(
                "select description from flyway_schema_history where success order by"
                    + " installed_rank")
            .executeAndAwait()) {
      applied.add(row.getString("description"));
    }
    assertThat(applied).contains("outbox and processed events");
  }

  @Test
  void metricsAndOpenApiAreServed() {
    given().when().get("/q/metrics").then().statusCode(200);
    given()
        .when()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("openapi", org.hamcrest.Matchers.startsWith("3."));
  }
}
