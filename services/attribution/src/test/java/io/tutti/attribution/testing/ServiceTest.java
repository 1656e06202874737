package io.tutti.attribution.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTypes;
import io.tutti.events.testing.Callers;
import io.tutti.events.testing.EventListener;
import io.tutti.events.testing.EventPublisher;
import io.tutti.events.testing.TestDatabase;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.tutti.events.type.ContactResolved;
import io.tutti.events.type.ContactStageChanged;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.Referral;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test of the running service against the real broker and database, in a workspace of its own: it
 * sends page views to {@code /track} of the workspace's site, publishes what connectors and
 * profiles would, listens to what attribution publishes, and calls the API as sam (sales) unless it
 * says otherwise with {@link Callers}.
 */
public abstract class ServiceTest {

  /** Reads JSON numbers as written: 1.00 stays 1.00. */
  protected static final JsonPathConfig EXACT =
      JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

  protected static final TestDatabase DB = TestDatabase.of(AttributionTest.DATABASE);

  @Inject protected Vertx vertx;

  protected EventPublisher publisher;
  protected EventListener listener;
  protected String workspace;
  protected String siteKey;

  @BeforeEach
  void openWorkspace() {
    workspace = "ws-" + UUID.randomUUID();
    String vhost = TuttiTestInfrastructure.vhost(AttributionTest.VHOST);
    publisher =
        new EventPublisher(
            vertx, vhost, List.of("attribution.message-received", "attribution.contacts"));
    listener =
        new EventListener(
            vertx,
            vhost,
            EventTypes.SESSION_RECORDED,
            EventTypes.SALE_RECORDED,
            EventTypes.IDENTITY_OBSERVED);
    Callers.admin("ada", workspace);
    siteKey =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("name", "Shop"))
            .when()
            .post("/api/attribution/sites")
            .then()
            .statusCode(201)
            .extract()
            .path("siteKey");
    Callers.actAs("sam", workspace, "sales");
  }

  @AfterEach
  void closeWorkspace() {
    listener.close();
    publisher.close();
  }

  /** Sends a page view as /tutti.js would; answers nothing (202). */
  protected void pageView(String visitor, String url, String referrer, Instant at) {
    given()
        .contentType(ContentType.TEXT)
        .body(
            io.vertx.core.json.JsonObject.of(
                    "type", "page",
                    "anonymousId", visitor,
                    "url", url,
                    "referrer", referrer,
                    "occurredAt", at.toString())
                .encode())
        .when()
        .post("/track?key=" + siteKey)
        .then()
        .statusCode(202);
  }

  protected void identify(String visitor, String email, Instant at) {
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "type",
                "identify",
                "anonymousId",
                visitor,
                "url",
                "https://shop.example/account",
                "occurredAt",
                at.toString(),
                "traits",
                Map.of("email", email)))
        .when()
        .post("/track?key=" + siteKey)
        .then()
        .statusCode(202);
  }

  /** Waits until every accepted tracking call of the workspace is processed. */
  protected void awaitTracked(int sessions) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                DB.count("select count(*) from track_inbox where workspace_id = ?", workspace) == 0
                    && DB.count(
                            "select count(*) from touch where workspace_id = ? and kind ="
                                + " 'session'",
                            workspace)
                        >= sessions);
  }

  /** What profiles would answer to an identify call or a first message. */
  protected EventEnvelope resolved(
      String channel, String externalId, String contactId, boolean created, Instant at) {
    EventEnvelope event =
        new EventEnvelope(
            io.tutti.events.UuidV7.next(),
            EventTypes.CONTACT_RESOLVED,
            1,
            at,
            workspace,
            "profiles",
            null,
            new ContactResolved(contactId, channel, externalId, null, created, null));
    publisher.publish(event);
    awaitHandled(event, "attribution.contacts");
    return event;
  }

  protected void qualified(String contactId, Instant at) {
    EventEnvelope event =
        publisher.publish(
            "profiles",
            workspace,
            new ContactStageChanged(contactId, "lead", "qualified", "sam", "budget ok", at));
    awaitHandled(event, "attribution.contacts");
  }

  protected EventEnvelope message(
      String channel, String externalId, Referral referral, Instant sentAt) {
    EventEnvelope event =
        publisher.publish(
            "connectors",
            workspace,
            new MessageReceived(
                UUID.randomUUID().toString(),
                channel,
                externalId,
                "Ada",
                null,
                "m-" + UUID.randomUUID(),
                "price?",
                List.of(),
                null,
                sentAt,
                referral,
                null,
                null,
                null,
                null));
    awaitHandled(event, "attribution.message-received");
    return event;
  }

  /** Records a sale as sam; answers the response. */
  protected static io.restassured.response.Response recordSale(
      String contactId, String orderId, String amount, Instant at) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "contactId",
                contactId,
                "orderId",
                orderId,
                "amount",
                new java.math.BigDecimal(amount),
                "currency",
                "USD",
                "occurredAt",
                at.toString()))
        .when()
        .post("/api/attribution/sales");
  }

  protected static void awaitHandled(EventEnvelope event, String consumer) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                DB.count(
                        "select count(*) from processed_event where consumer = ? and event_id = ?",
                        consumer,
                        event.id())
                    == 1);
  }

  protected static JsonPath report(String from, String to, String model, String groupBy) {
    return given()
        .accept(ContentType.JSON)
        .when()
        .get(
            "/api/attribution/report?from="
                + from
                + "&to="
                + to
                + "&model="
                + model
                + "&groupBy="
                + groupBy)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .using(EXACT);
  }

  /** The report's row for a key as {sessions, contacts, qualified, sales, revenue} text. */
  protected static List<String> row(JsonPath report, String key) {
    Map<String, Object> row =
        report.<Map<String, Object>>getList("rows").stream()
            .filter(r -> key.equals(r.get("key")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no row " + key + " in " + report.prettify()));
    return List.of(
        String.valueOf(row.get("sessions")),
        String.valueOf(row.get("contacts")),
        String.valueOf(row.get("qualified")),
        String.valueOf(row.get("sales")),
        String.valueOf(row.get("revenue")));
  }
}
