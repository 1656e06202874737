package io.tutti.attribution.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.tutti.attribution.testing.AttributionTest;
import io.tutti.attribution.testing.ServiceTest;
import io.tutti.events.testing.Callers;
import org.junit.jupiter.api.Test;

/**
 * The report's Accept header, as clients send it and as the fuzz run (bench/.../fuzz) sent it: an
 * empty header answered 500, from the unguarded parse in the resource.
 */
@QuarkusTest
@AttributionTest
class ReportAcceptHeaderTest extends ServiceTest {

  private static final String REPORT = "/api/attribution/report?from=2026-11-01&to=2026-11-30";

  @Test
  void anEmptyAcceptHeaderMeansAnythingAndGetsJson() {
    Callers.actAs("sam", workspace, "sales");

    given()
        .header("Accept", "")
        .when()
        .get(REPORT)
        .then()
        .statusCode(200)
        .contentType(startsWith("application/json"));
  }

  @Test
  void csvIsStillChosenByAWellFormedAcceptHeader() {
    Callers.actAs("sam", workspace, "sales");

    given()
        .header("Accept", "text/csv, application/json;q=0.5")
        .when()
        .get(REPORT)
        .then()
        .statusCode(200)
        .contentType(startsWith("text/csv"));
  }
}
