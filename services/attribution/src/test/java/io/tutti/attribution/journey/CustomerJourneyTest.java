package io.tutti.attribution.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.attribution.testing.AttributionTest;
import io.tutti.attribution.testing.ServiceTest;
import io.tutti.events.EventTypes;
import io.tutti.events.type.IdentityObserved;
import io.tutti.events.type.SaleRecorded;
import io.tutti.events.type.SessionRecorded;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A visitor comes from an Instagram ad, returns from Google, identifies, is qualified and buys:
 * each model credits the channels as marketing would compute it by hand.
 */
@QuarkusTest
@AttributionTest
class CustomerJourneyTest extends ServiceTest {

  private static final String AD_URL =
      "https://shop.example/?utm_source=instagram&utm_medium=paid_social&utm_campaign=winter_sale";

  private final Instant start =
      Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
  private final String from = LocalDate.ofInstant(start, ZoneOffset.UTC).minusDays(1).toString();
  private final String to = LocalDate.now(ZoneOffset.UTC).toString();
  private String visitor;
  private String contact;

  @BeforeEach
  void journey() {
    visitor = UUID.randomUUID().toString();
    contact = UUID.randomUUID().toString();
    pageView(visitor, AD_URL, "https://l.instagram.com/", start);
    pageView(visitor, AD_URL + "&page=2", "https://shop.example/", start.plusSeconds(60));
    Instant back = start.plus(Duration.ofDays(1));
    pageView(visitor, "https://shop.example/pricing", "https://www.google.com/", back);
    identify(visitor, "Ada@Example.com", back.plusSeconds(300));
    awaitTracked(2);
    List<IdentityObserved> observed =
        listener.await(workspace, EventTypes.IDENTITY_OBSERVED, 1).stream()
            .map(e -> (IdentityObserved) e.payload())
            .toList();
    assertThat(observed)
        .extracting(
            IdentityObserved::channel, IdentityObserved::externalId, IdentityObserved::email)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("web", visitor, "ada@example.com"));
    resolved("web", visitor, contact, true, back.plusSeconds(301));
    qualified(contact, start.plus(Duration.ofDays(2)));
    recordSale(contact, "order-1001", "100.00", start.plus(Duration.ofDays(2)).plusSeconds(3600))
        .then()
        .statusCode(201);
  }

  @Test
  void aPageViewWithinHalfAnHourExtendsTheSessionAndTheReturnStartsAnother() {
    JsonPath report = report(from, to, "first_touch", "channel");

    assertThat(report.getLong("totals.sessions")).isEqualTo(2);
    assertThat(row(report, "instagram").getFirst()).isEqualTo("1");
    assertThat(row(report, "search").getFirst()).isEqualTo("1");
    assertThat(
            DB.single(
                "select page_views from touch where workspace_id = ? and channel = 'instagram'",
                workspace))
        .isEqualTo(2);
  }

  @Test
  void firstTouchCreditsTheInstagramAd() {
    JsonPath report = report(from, to, "first_touch", "channel");

    assertThat(row(report, "instagram")).containsExactly("1", "1.00", "1.00", "1.00", "100.00");
    assertThat(row(report, "search")).containsExactly("1", "0.00", "0.00", "0.00", "0.00");
    assertThat(report.getString("totals.revenue")).isEqualTo("100.00");
    assertThat(report.getString("currency")).isEqualTo("USD");
  }

  @Test
  void lastTouchCreditsTheReturnFromGoogle() {
    JsonPath report = report(from, to, "last_touch", "channel");

    assertThat(row(report, "search")).containsExactly("1", "1.00", "1.00", "1.00", "100.00");
    assertThat(row(report, "instagram")).containsExactly("1", "0.00", "0.00", "0.00", "0.00");
  }

  @Test
  void linearSplitsFiftyFifty() {
    JsonPath report = report(from, to, "linear", "channel");

    assertThat(row(report, "instagram")).containsExactly("1", "0.50", "0.50", "0.50", "50.00");
    assertThat(row(report, "search")).containsExactly("1", "0.50", "0.50", "0.50", "50.00");
    assertThat(report.getString("totals.contacts")).isEqualTo("1.00");
  }

  @Test
  void byCampaignTheAdsCampaignIsNamed() {
    JsonPath report = report(from, to, "first_touch", "campaign");

    assertThat(row(report, "winter_sale")).containsExactly("1", "1.00", "1.00", "1.00", "100.00");
    assertThat(row(report, "(none)")).containsExactly("1", "0.00", "0.00", "0.00", "0.00");
  }

  @Test
  void theSameOrderRecordedAgainIsOneSale() {
    String first = report(from, to, "last_touch", "channel").getString("totals.sales");

    recordSale(contact, "order-1001", "100.00", Instant.now())
        .then()
        .statusCode(200)
        .body("orderId", equalTo("order-1001"))
        .body("contactId", equalTo(contact));

    assertThat(report(from, to, "linear", "channel").getString("totals.sales")).isEqualTo("1.00");
    assertThat(first).isEqualTo("1.00");
  }

  @Test
  void aCallerThatAcceptsAnythingGetsJson() {
    given()
        .header("Accept", "*/*")
        .when()
        .get("/api/attribution/report?from=" + from + "&to=" + to)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON);
    given()
        .header("Accept", "text/csv, application/json;q=0.5")
        .when()
        .get("/api/attribution/report?from=" + from + "&to=" + to)
        .then()
        .statusCode(200)
        .contentType("text/csv");
  }

  @Test
  void csvHasTheSameNumbersAsJson() {
    JsonPath json = report(from, to, "linear", "channel");
    String csv =
        given()
            .accept("text/csv")
            .when()
            .get("/api/attribution/report?from=" + from + "&to=" + to + "&model=linear")
            .then()
            .statusCode(200)
            .contentType("text/csv")
            .extract()
            .asString();

    List<String> lines = csv.lines().toList();
    assertThat(lines.getFirst()).isEqualTo("channel,sessions,contacts,qualified,sales,revenue_USD");
    List<Map<String, Object>> rows = json.getList("rows");
    assertThat(lines).hasSize(rows.size() + 2);
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = rows.get(i);
      assertThat(lines.get(i + 1))
          .isEqualTo(
              String.join(
                  ",",
                  String.valueOf(row.get("key")),
                  String.valueOf(row.get("sessions")),
                  String.valueOf(row.get("contacts")),
                  String.valueOf(row.get("qualified")),
                  String.valueOf(row.get("sales")),
                  String.valueOf(row.get("revenue"))));
    }
    assertThat(lines.getLast())
        .isEqualTo(
            "total,"
                + json.getLong("totals.sessions")
                + ","
                + json.getString("totals.contacts")
                + ","
                + json.getString("totals.qualified")
                + ","
                + json.getString("totals.sales")
                + ","
                + json.getString("totals.revenue"));
  }

  @Test
  void theVisitorsSessionsAreAnnouncedWithTheirContactAndTheSaleToo() {
    List<SessionRecorded> sessions =
        listener.await(workspace, EventTypes.SESSION_RECORDED, 4).stream()
            .map(e -> (SessionRecorded) e.payload())
            .toList();
    assertThat(sessions)
        .filteredOn(s -> contact.equals(s.contactId()))
        .extracting(SessionRecorded::channel)
        .containsExactlyInAnyOrder("instagram", "search");
    SaleRecorded sale =
        (SaleRecorded) listener.await(workspace, EventTypes.SALE_RECORDED, 1).getFirst().payload();
    assertThat(sale.contactId()).isEqualTo(contact);
    assertThat(sale.orderId()).isEqualTo("order-1001");
    assertThat(sale.amount()).isEqualByComparingTo("100.00");
  }

  @Test
  void theTimeSeriesPutsEachConversionOnItsDay() {
    JsonPath series =
        given()
            .when()
            .get(
                "/api/attribution/timeseries?from="
                    + from
                    + "&to="
                    + to
                    + "&model=first_touch&interval=day")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .using(EXACT);

    String saleDay =
        LocalDate.ofInstant(start.plus(Duration.ofDays(2)).plusSeconds(3600), ZoneOffset.UTC)
            .toString();
    List<Map<String, Object>> points = series.getList("points");
    assertThat(points)
        .filteredOn(p -> saleDay.equals(p.get("period")) && "instagram".equals(p.get("key")))
        .extracting(p -> String.valueOf(p.get("sales")))
        .containsExactly("1.00");
  }
}
