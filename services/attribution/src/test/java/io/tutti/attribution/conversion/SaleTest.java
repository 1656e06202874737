package io.tutti.attribution.conversion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.attribution.testing.AttributionTest;
import io.tutti.attribution.testing.ServiceTest;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTypes;
import io.tutti.events.testing.Callers;
import io.tutti.events.type.ContactUpdated;
import io.tutti.events.type.IdentityObserved;
import io.tutti.events.type.SaleRecorded;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@AttributionTest
class SaleTest extends ServiceTest {

  private final String today = LocalDate.now(ZoneOffset.UTC).toString();

  @Test
  void aSaleByEmailFindsTheContactHoldingIt() {
    String contact = UUID.randomUUID().toString();
    message("email", "bob@example.com", null, Instant.now().minusSeconds(60));
    resolved("email", "bob@example.com", contact, true, Instant.now().minusSeconds(59));
    EventEnvelope updated =
        publisher.publish(
            "profiles",
            workspace,
            new ContactUpdated(
                contact, "Bob", List.of("bob@example.com"), List.of(), "new", Map.of()));
    awaitHandled(updated, "attribution.contacts");

    sale(Map.of("email", "BOB@example.com", "orderId", "A-1", "amount", 25, "currency", "USD"))
        .then()
        .statusCode(201)
        .body("contactId", equalTo(contact))
        .body("status", equalTo("credited"));

    SaleRecorded recorded =
        (SaleRecorded) listener.await(workspace, EventTypes.SALE_RECORDED, 1).getFirst().payload();
    assertThat(recorded.contactId()).isEqualTo(contact);
    assertThat(row(report(today, today, "last_touch", "channel"), "email"))
        .containsExactly("0", "1.00", "0.00", "1.00", "25.00");
  }

  @Test
  void aBuyerNobodyKnowsIsResolvedByProfilesAndCountsForDirectUntilThen() {
    JsonPath sale =
        sale(Map.of("phone", "+81 90-1234-5678", "orderId", "B-1", "amount", 40, "currency", "USD"))
            .then()
            .statusCode(201)
            .body("contactId", nullValue())
            .body("status", equalTo("awaiting_contact"))
            .extract()
            .jsonPath();
    IdentityObserved observed =
        (IdentityObserved)
            listener.await(workspace, EventTypes.IDENTITY_OBSERVED, 1).getFirst().payload();
    assertThat(observed.channel()).isEqualTo("shop");
    assertThat(observed.phone()).isEqualTo("+81 90-1234-5678");
    assertThat(row(report(today, today, "first_touch", "channel"), "direct"))
        .containsExactly("0", "0.00", "0.00", "1.00", "40.00");

    String contact = UUID.randomUUID().toString();
    resolved("shop", observed.externalId(), contact, true, Instant.now());

    SaleRecorded recorded =
        (SaleRecorded) listener.await(workspace, EventTypes.SALE_RECORDED, 1).getFirst().payload();
    assertThat(recorded.contactId()).isEqualTo(contact);
    assertThat(recorded.saleId()).isEqualTo(sale.getString("id"));
    assertThat(report(today, today, "first_touch", "channel").getString("totals.sales"))
        .isEqualTo("1.00");
  }

  @Test
  void aSaleInAnotherCurrencyIsConvertedAtTheWorkspacesRateAndTheReportSaysSo() {
    Callers.admin("ada", workspace);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("exchangeRates", Map.of("EUR", new BigDecimal("1.10"))))
        .when()
        .put("/api/attribution/settings")
        .then()
        .statusCode(200);
    Callers.actAs("sam", workspace, "sales");
    String contact = knownContact();

    sale(Map.of("contactId", contact, "orderId", "E-1", "amount", 100, "currency", "EUR"))
        .then()
        .statusCode(201)
        .body("amount", equalTo(110.0f))
        .body("currency", equalTo("USD"))
        .body("originalAmount", equalTo(100.0f))
        .body("originalCurrency", equalTo("EUR"));

    JsonPath report = report(today, today, "last_touch", "channel");
    assertThat(report.getString("totals.revenue")).isEqualTo("110.00");
    assertThat(report.getList("converted.currency")).containsExactly("EUR");
    assertThat(report.getString("converted[0].rate")).isEqualTo("1.1");
  }

  @Test
  void aCurrencyWithoutARateIs422AndRecordsNothing() {
    String contact = knownContact();

    sale(Map.of("contactId", contact, "orderId", "J-1", "amount", 1000, "currency", "JPY"))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:exchange-rate-missing"));

    assertThat(
            DB.count(
                "select count(*) from conversion where workspace_id = ? and kind = 'sale'",
                workspace))
        .isZero();
  }

  @Test
  void anUnknownContactIs404() {
    sale(Map.of(
            "contactId",
            UUID.randomUUID().toString(),
            "orderId",
            "X-1",
            "amount",
            1,
            "currency",
            "USD"))
        .then()
        .statusCode(404);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"orderId\":\"1\",\"amount\":1,\"currency\":\"USD\"} | contactId",
        "{\"contactId\":\"nope\",\"orderId\":\"1\",\"amount\":1,\"currency\":\"USD\"} | contactId",
        "{\"email\":\"x\",\"orderId\":\"1\",\"amount\":1,\"currency\":\"USD\"} | email",
        "{\"phone\":\"call me\",\"orderId\":\"1\",\"amount\":1,\"currency\":\"USD\"} | phone",
        "{\"email\":\"a@b.c\",\"amount\":1,\"currency\":\"USD\"} | orderId",
        "{\"email\":\"a@b.c\",\"orderId\":\"1\",\"currency\":\"USD\"} | amount",
        "{\"email\":\"a@b.c\",\"orderId\":\"1\",\"amount\":-5,\"currency\":\"USD\"} | amount",
        "{\"email\":\"a@b.c\",\"orderId\":\"1\",\"amount\":1.234,\"currency\":\"USD\"} | amount",
        "{\"email\":\"a@b.c\",\"orderId\":\"1\",\"amount\":1,\"currency\":\"usd\"} | currency",
        "{\"email\":\"a@b.c\",\"orderId\":\"1\",\"amount\":1,\"currency\":\"XYZ\"} | currency",
        "{\"email\":\"a@b.c\",\"orderId\":\"1\",\"amount\":1,\"currency\":\"USD\",\"occurredAt\":\"2999-01-01T00:00:00Z\"}"
            + " | occurredAt",
      })
  void badSalesAre400AndNameTheField(String body, String field) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/attribution/sales")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(field));
  }

  @Test
  void agentsCannotRecordSales() {
    Callers.agent("alice", workspace);

    sale(Map.of("email", "a@example.com", "orderId", "1", "amount", 1, "currency", "USD"))
        .then()
        .statusCode(403);
  }

  private String knownContact() {
    String contact = UUID.randomUUID().toString();
    String id = "tg-" + contact;
    message("telegram", id, null, Instant.now().minusSeconds(30));
    resolved("telegram", id, contact, true, Instant.now().minusSeconds(29));
    return contact;
  }

  private static io.restassured.response.Response sale(Map<String, Object> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(new HashMap<>(body))
        .when()
        .post("/api/attribution/sales");
  }
}
