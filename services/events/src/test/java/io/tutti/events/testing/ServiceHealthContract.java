package io.tutti.events.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * What every service with a database must show when it runs: ready only with its database and
 * broker, alive, migrated by Flyway (the event tables included), and serving metrics and OpenAPI. A
 * service's test extends it and adds {@code @QuarkusTest} and its {@link TuttiTestInfrastructure}
 * resource.
 */
public abstract class ServiceHealthContract {

  @Inject Pool pool;
  @Inject Flyway flyway;

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
    // The history table may survive from an earlier run; nothing pending means this start migrated.
    assertThat(flyway.info().pending()).isEmpty();
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
