package io.tutti.attribution.track;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tutti.attribution.testing.AttributionTest;
import io.tutti.attribution.testing.ServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@AttributionTest
class TrackTest extends ServiceTest {

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Test
  void pageViewsHalfAnHourApartStartANewSession() {
    String visitor = UUID.randomUUID().toString();
    Instant start = now.minus(Duration.ofHours(3));
    pageView(visitor, "https://shop.example/", null, start);
    pageView(
        visitor, "https://shop.example/a", "https://shop.example/", start.plusSeconds(29 * 60));
    pageView(
        visitor, "https://shop.example/b", "https://shop.example/a", start.plusSeconds(58 * 60));
    // 30 minutes and one second after the last: a new session
    pageView(visitor, "https://shop.example/?gclid=1", null, start.plusSeconds(88 * 60 + 1));
    awaitTracked(2);

    assertThat(
            DB.column(
                "select channel || ':' || page_views from touch where workspace_id = ? order by"
                    + " occurred_at",
                workspace))
        .containsExactly("direct:3", "search:1");
  }

  @Test
  void aPageViewIsAcceptedAsTextPlainAsSendBeaconSendsIt() {
    String visitor = UUID.randomUUID().toString();
    given()
        .contentType("text/plain;charset=UTF-8")
        .body(
            "{\"type\":\"page\",\"anonymousId\":\""
                + visitor
                + "\",\"url\":\"https://shop.example/?utm_source=newsletter\"}")
        .when()
        .post("/track?key=" + siteKey)
        .then()
        .statusCode(202)
        .header("Access-Control-Allow-Origin", "*");
    awaitTracked(1);

    assertThat(DB.single("select channel from touch where workspace_id = ?", workspace))
        .isEqualTo("email");
  }

  @Test
  void browsersMayAskFirst() {
    given()
        .header("Origin", "https://shop.example")
        .header("Access-Control-Request-Method", "POST")
        .when()
        .options("/track?key=" + siteKey)
        .then()
        .statusCode(204)
        .header("Access-Control-Allow-Origin", "*")
        .header("Access-Control-Allow-Methods", containsString("POST"));
  }

  @Test
  void anIdentifyCallAsksProfilesWhoTheVisitorIs() {
    String visitor = UUID.randomUUID().toString();
    identify(visitor, "ada@example.com", now);

    listener.await(workspace, io.tutti.events.EventTypes.IDENTITY_OBSERVED, 1);
  }

  @Test
  void anUnknownSiteKeyIs404AndAMissingOne400() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"type\":\"page\",\"anonymousId\":\"v1\",\"url\":\"https://shop.example/\"}")
        .when()
        .post("/track?key=trk_nosuchsite123")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:unknown-site"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"type\":\"page\",\"anonymousId\":\"v1\",\"url\":\"https://shop.example/\"}")
        .when()
        .post("/track")
        .then()
        .statusCode(400);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":\"click\",\"anonymousId\":\"v1\",\"url\":\"https://a.example/\"} | type",
        "{\"type\":\"page\",\"url\":\"https://a.example/\"} | anonymousId",
        "{\"type\":\"page\",\"anonymousId\":\"v 1\",\"url\":\"https://a.example/\"} | anonymousId",
        "{\"type\":\"page\",\"anonymousId\":\"v1\"} | url",
        "{\"type\":\"page\",\"anonymousId\":\"v1\",\"url\":\"javascript:alert(1)\"} | url",
        "{\"type\":\"page\",\"anonymousId\":\"v1\",\"url\":\"https://a.example/\",\"referrer\":\"nope\"}"
            + " | referrer",
        "{\"type\":\"page\",\"anonymousId\":\"v1\",\"url\":\"https://a.example/\",\"occurredAt\":\"yesterday\"}"
            + " | occurredAt",
        "{\"type\":\"page\",\"anonymousId\":\"v1\",\"url\":\"https://a.example/\",\"occurredAt\":\"2020-01-01T00:00:00Z\"}"
            + " | occurredAt",
        "{\"type\":\"page\",\"anonymousId\":\"v1\",\"url\":\"https://a.example/\",\"occurredAt\":\"2999-01-01T00:00:00Z\"}"
            + " | occurredAt",
        "{\"type\":\"identify\",\"anonymousId\":\"v1\"} | traits",
        "{\"type\":\"identify\",\"anonymousId\":\"v1\",\"traits\":{}} | traits",
        "{\"type\":\"identify\",\"anonymousId\":\"v1\",\"traits\":{\"email\":\"not-an-email\"}} |"
            + " traits.email",
        "{\"type\":\"identify\",\"anonymousId\":\"v1\",\"traits\":{\"phone\":\"call me\"}} |"
            + " traits.phone",
      })
  void badCallsAre400AndNameTheField(String body, String field) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/track?key=" + siteKey)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(field));
  }

  @Test
  void bodiesThatAreNoJsonObjectAre400() {
    for (String body : new String[] {"", "not json", "[1,2]", "\"page\""}) {
      given()
          .contentType(ContentType.TEXT)
          .body(body)
          .when()
          .post("/track?key=" + siteKey)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
  }

  @Test
  void aHugeBodyIs413() {
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"type\":\"page\",\"anonymousId\":\"v1\",\"url\":\"https://a.example/?q="
                + "x".repeat(20_000)
                + "\"}")
        .when()
        .post("/track?key=" + siteKey)
        .then()
        .statusCode(413);
  }

  @Test
  void anOfflineImportUpToThirtyDaysBackIsDatedWhenItHappened() {
    String visitor = UUID.randomUUID().toString();
    Instant then = now.minus(Duration.ofDays(29));
    pageView(visitor, "https://shop.example/", "https://www.instagram.com/", then);
    awaitTracked(1);

    assertThat(
            DB.single(
                "select occurred_at = ? from touch where workspace_id = ?",
                java.sql.Timestamp.from(then),
                workspace))
        .isEqualTo(true);
  }

  @Test
  void aCallThatCannotBeProcessedIsSetAsideAndTheRestGoOn() {
    DB.update(
        "insert into track_inbox (workspace_id, body) values (?, cast(? as jsonb))",
        workspace,
        "{\"type\":\"page\",\"anonymousId\":\"v1\",\"occurredAt\":\"not a time\"}");
    String visitor = UUID.randomUUID().toString();
    pageView(visitor, "https://shop.example/", null, now);

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                DB.count(
                        "select count(*) from track_inbox where workspace_id = ? and failed_at is"
                            + " not null and error is not null",
                        workspace)
                    == 1);
    assertThat(DB.count("select count(*) from touch where workspace_id = ?", workspace))
        .isEqualTo(1);
  }
}
