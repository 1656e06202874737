package io.tutti.attribution.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tutti.attribution.testing.AttributionTest;
import io.tutti.attribution.testing.ServiceTest;
import io.tutti.events.testing.Callers;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may read and change what: reports for sales and admins, settings and sites for admins. */
@QuarkusTest
@AttributionTest
class AccessTest extends ServiceTest {

  private static final String REPORT = "/api/attribution/report?from=2026-11-01&to=2026-11-30";

  @ParameterizedTest(name = "{0} {1} as {2}: {3}")
  @CsvSource({
    "GET, " + REPORT + ", agent, 403",
    "GET, " + REPORT + ", sales, 200",
    "GET, " + REPORT + ", admin, 200",
    "GET, /api/attribution/timeseries?from=2026-11-01&to=2026-11-30, agent, 403",
    "GET, /api/attribution/timeseries?from=2026-11-01&to=2026-11-30, sales, 200",
    "GET, /api/attribution/settings, agent, 403",
    "GET, /api/attribution/settings, sales, 200",
    "PUT, /api/attribution/settings, sales, 403",
    "PUT, /api/attribution/settings, admin, 200",
    "GET, /api/attribution/sites, sales, 403",
    "GET, /api/attribution/sites, admin, 200",
    "POST, /api/attribution/sites, sales, 403",
  })
  void rolesDecide(String method, String path, String role, int status) {
    Callers.actAs("someone", workspace, role);

    given()
        .contentType(ContentType.JSON)
        .body(method.equals("PUT") ? Map.of("halfLifeDays", 7) : Map.of("name", "Blog"))
        .when()
        .request(method, path)
        .then()
        .statusCode(status);
  }

  @Test
  void anonymousCallersAre401() {
    Callers.anonymous();
    given().when().get(REPORT).then().statusCode(401);
    given().when().get("/api/attribution/settings").then().statusCode(401);
  }

  @Test
  void anotherWorkspaceSeesNoneOfThisOne() {
    String visitor = UUID.randomUUID().toString();
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    pageView(visitor, "https://shop.example/?utm_source=ig", null, java.time.Instant.now());
    awaitTracked(1);
    assertThat(report(today, today, "last_touch", "channel").getLong("totals.sessions"))
        .isEqualTo(1);

    Callers.actAs("eve", "ws-other-" + UUID.randomUUID(), "admin");

    assertThat(report(today, today, "last_touch", "channel").getLong("totals.sessions")).isZero();
    given().when().delete("/api/attribution/sites/" + siteKey).then().statusCode(404);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Mine now", "siteKey", siteKey))
        .when()
        .post("/api/attribution/sites")
        .then()
        .statusCode(409);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "from=2026-11-30&to=2026-11-01 | to",
        "to=2026-11-01 | from",
        "from=yesterday&to=2026-11-01 | from",
        "from=2020-01-01&to=2026-11-01 | to",
        "from=2026-11-01&to=2026-11-30&model=w_shaped | model",
        "from=2026-11-01&to=2026-11-30&groupBy=agent | groupBy",
      })
  void badReportQueriesAre400(String query, String field) {
    given()
        .when()
        .get("/api/attribution/report?" + query)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(field));
  }

  @Test
  void settingsAreCheckedAndShowTheDefaultTables() {
    Callers.admin("ada", workspace);

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("timeZone", "Mars/Olympus", "currency", "XYZ"))
        .when()
        .put("/api/attribution/settings")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("timeZone"))
        .body("errors.field", hasItem("currency"));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "currency", "EUR",
                "sourceChannels", Map.of("partner_x", "affiliate"),
                "exchangeRates", Map.of("USD", 0.92)))
        .when()
        .put("/api/attribution/settings")
        .then()
        .statusCode(200)
        .body("currency", equalTo("EUR"))
        .body("timeZone", equalTo("UTC"))
        .body("sourceChannels.partner_x", equalTo("affiliate"))
        .body("defaultReferrerChannels.'t.co'", equalTo("x"));
  }
}
