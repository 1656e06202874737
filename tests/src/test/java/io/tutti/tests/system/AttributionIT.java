package io.tutti.tests.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Marketing's question through the whole system: a visitor arrives from an Instagram ad, comes back
 * from Google, identifies with an email (profiles makes them a contact), sam qualifies them and
 * they buy for 100. Each model credits the channels as computed by hand.
 */
class AttributionIT {

  private static final JsonPathConfig EXACT =
      JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

  @Test
  void anInstagramAdThenGoogleThenASaleIsCreditedPerModel() {
    String ada = RunningSystem.accessTokenFor("ada");
    String sam = RunningSystem.accessTokenFor("sam");
    String run = UUID.randomUUID().toString().substring(0, 8);
    String siteKey =
        given()
            .auth()
            .oauth2(ada)
            .contentType(ContentType.JSON)
            .body(Map.of("name", "System test site " + run))
            .post(RunningSystem.GATEWAY_URL + "/api/attribution/sites")
            .then()
            .statusCode(201)
            .extract()
            .path("siteKey");
    // This run's own campaigns, so its rows are its own in a shared workspace.
    String adCampaign = "it-ad-" + run;
    String searchCampaign = "it-search-" + run;
    String visitor = UUID.randomUUID().toString();
    String email = "visitor-" + run + "@example.com";
    Instant start = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

    track(
        siteKey,
        Map.of(
            "type",
            "page",
            "anonymousId",
            visitor,
            "url",
            "https://shop.example/winter?utm_source=instagram&utm_medium=paid_social&utm_campaign="
                + adCampaign,
            "referrer",
            "https://l.instagram.com/",
            "occurredAt",
            start.toString()));
    track(
        siteKey,
        Map.of(
            "type",
            "page",
            "anonymousId",
            visitor,
            "url",
            "https://shop.example/pricing?gclid=it" + run + "&utm_campaign=" + searchCampaign,
            "referrer",
            "https://www.google.com/",
            "occurredAt",
            start.plus(Duration.ofDays(1)).toString()));
    track(
        siteKey,
        Map.of(
            "type",
            "identify",
            "anonymousId",
            visitor,
            "url",
            "https://shop.example/signup",
            "traits",
            Map.of("email", email, "name", "Visitor " + run)));

    String contact =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> RunningSystem.get(sam, "/api/contacts?q=" + email).getString("items[0].id"),
                id -> id != null);
    // Both visits are in the contact's timeline, with the channel each came from.
    JsonPath timeline =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> RunningSystem.get(sam, "/api/contacts/" + contact + "/timeline"),
                page -> page.getList("items.findAll { it.type == 'session' }").size() == 2);
    assertThat(timeline.getList("items.findAll { it.type == 'session' }.channel"))
        .containsExactlyInAnyOrder("instagram", "search");

    given()
        .auth()
        .oauth2(sam)
        .contentType(ContentType.JSON)
        .body(Map.of("stage", "qualified", "note", "Budget confirmed"))
        .post(RunningSystem.GATEWAY_URL + "/api/contacts/" + contact + "/stage")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(sam)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "email",
                email,
                "orderId",
                "it-order-" + run,
                "amount",
                new BigDecimal("100.00"),
                "currency",
                "USD"))
        .post(RunningSystem.GATEWAY_URL + "/api/attribution/sales")
        .then()
        .statusCode(201);

    ZoneId zone =
        ZoneId.of(RunningSystem.get(sam, "/api/attribution/settings").getString("timeZone"));
    String from = LocalDate.ofInstant(start, zone).minusDays(1).toString();
    String to = LocalDate.now(zone).plusDays(1).toString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> campaign(sam, from, to, "first_touch", adCampaign),
            row -> row.equals(List.of("1", "1.00", "1.00", "1.00", "100.00")));

    assertThat(campaign(sam, from, to, "first_touch", searchCampaign))
        .containsExactly("1", "0.00", "0.00", "0.00", "0.00");
    assertThat(campaign(sam, from, to, "last_touch", searchCampaign))
        .containsExactly("1", "1.00", "1.00", "1.00", "100.00");
    assertThat(campaign(sam, from, to, "last_touch", adCampaign))
        .containsExactly("1", "0.00", "0.00", "0.00", "0.00");
    assertThat(campaign(sam, from, to, "linear", adCampaign))
        .containsExactly("1", "0.50", "0.50", "0.50", "50.00");
    assertThat(campaign(sam, from, to, "linear", searchCampaign))
        .containsExactly("1", "0.50", "0.50", "0.50", "50.00");
    // The sale made the qualified lead a customer.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> RunningSystem.get(sam, "/api/contacts/" + contact).getString("stage"),
            "customer"::equals);

    // An agent does not read attribution.
    given()
        .auth()
        .oauth2(RunningSystem.accessTokenFor("alice"))
        .get(RunningSystem.GATEWAY_URL + "/api/attribution/report?from=" + from + "&to=" + to)
        .then()
        .statusCode(403);
  }

  private static void track(String siteKey, Map<String, Object> body) {
    given()
        .contentType("text/plain;charset=UTF-8")
        .body(json(body))
        .post(RunningSystem.GATEWAY_URL + "/track?key=" + siteKey)
        .then()
        .statusCode(202);
  }

  private static String json(Map<String, Object> body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The campaign's row: sessions, contacts, qualified, sales, revenue, as the report writes them.
   */
  private static List<String> campaign(
      String token, String from, String to, String model, String campaign) {
    JsonPath report =
        RunningSystem.get(
                token,
                "/api/attribution/report?from="
                    + from
                    + "&to="
                    + to
                    + "&model="
                    + model
                    + "&groupBy=campaign")
            .using(EXACT);
    Map<String, Object> row =
        report.<Map<String, Object>>getList("rows").stream()
            .filter(r -> campaign.equals(r.get("key")))
            .findFirst()
            .orElse(Map.of());
    return List.of(
        String.valueOf(row.get("sessions")),
        String.valueOf(row.get("contacts")),
        String.valueOf(row.get("qualified")),
        String.valueOf(row.get("sales")),
        String.valueOf(row.get("revenue")));
  }
}
