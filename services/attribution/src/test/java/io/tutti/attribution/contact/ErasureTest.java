package io.tutti.attribution.contact;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.attribution.testing.AttributionTest;
import io.tutti.attribution.testing.ServiceTest;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.ContactErased;
import io.tutti.events.type.ContactUpdated;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An erased person leaves counts behind and nothing that leads back to them. */
@QuarkusTest
@AttributionTest
class ErasureTest extends ServiceTest {

  @Test
  void erasureLeavesOnlyAnonymousCounts() {
    Instant at = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String from = LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    String visitor = UUID.randomUUID().toString();
    String contact = UUID.randomUUID().toString();
    pageView(
        visitor,
        "https://shop.example/?utm_source=ig&utm_campaign=eve",
        "https://l.instagram.com/",
        at);
    awaitTracked(1);
    resolved("web", visitor, contact, true, at.plusSeconds(10));
    message("whatsapp", "819012345678", null, at.plusSeconds(20));
    resolved("whatsapp", "819012345678", contact, false, at.plusSeconds(21));
    EventEnvelope updated =
        publisher.publish(
            "profiles",
            workspace,
            new ContactUpdated(
                contact,
                "Eve",
                List.of("eve@example.com"),
                List.of("+819012345678"),
                "lead",
                Map.of()));
    awaitHandled(updated, "attribution.contacts");
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "contactId",
                contact,
                "orderId",
                "secret-order-77",
                "amount",
                new BigDecimal("12.50"),
                "currency",
                "USD",
                "occurredAt",
                at.plusSeconds(30).toString()))
        .when()
        .post("/api/attribution/sales")
        .then()
        .statusCode(201);
    JsonPath before = report(from, today, "linear", "campaign");
    // Events still in the outbox go out after an erasure (ContactProjection): publish them first,
    // so
    // that what the erasure must remove is all published.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        "select count(*) from outbox_event where workspace_id = ? and published_at"
                            + " is null")
                    == 0);

    EventEnvelope erased =
        publisher.publish(
            "profiles",
            workspace,
            new ContactErased(contact, "ada", List.of("web:" + visitor, "whatsapp:819012345678")));
    awaitHandled(erased, "attribution.contacts");

    assertThat(report(from, today, "linear", "campaign").getMap("totals"))
        .isEqualTo(before.getMap("totals"));
    String id = contact;
    assertThat(
            count(
                "select count(*) from touch where workspace_id = ? and (contact_id = cast(? as"
                    + " uuid) or identity_id is not null or landing_url is not null or referrer is"
                    + " not null or utm is not null)",
                id))
        .isZero();
    assertThat(
            count(
                "select count(*) from conversion where workspace_id = ? and (contact_id = cast(? as"
                    + " uuid) or order_id is not null or dedupe_key like '%' || ? || '%')",
                id, id))
        .isZero();
    assertThat(
            count(
                "select count(*) from conversion where workspace_id = ? and dedupe_key like"
                    + " '%secret-order-77%'"))
        .isZero();
    assertThat(
            count(
                "select count(*) from identity where workspace_id = ? and (contact_id = cast(? as"
                    + " uuid) or external_id = '"
                    + visitor
                    + "')",
                id))
        .isZero();
    assertThat(
            count(
                "select count(*) from contact_handle where workspace_id = ? and contact_id = cast(?"
                    + " as uuid)",
                id))
        .isZero();
    assertThat(
            count(
                "select count(*) from outbox_event where workspace_id = ? and published_at is not"
                    + " null and (envelope like '%' || ? || '%' or envelope like '%' || ? || '%')",
                id, visitor))
        .isZero();

    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "email", "someone@example.com",
                "orderId", "secret-order-77",
                "amount", new BigDecimal("12.50"),
                "currency", "USD"))
        .when()
        .post("/api/attribution/sales")
        .then()
        .statusCode(200);
  }

  private long count(String sql, Object... parameters) {
    Object[] all = new Object[parameters.length + 1];
    all[0] = workspace;
    System.arraycopy(parameters, 0, all, 1, parameters.length);
    return DB.count(sql, all);
  }
}
