package io.tutti.profiles.stage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.ContactStageChanged;
import io.tutti.events.type.ContactUpdated;
import io.tutti.events.type.SaleRecorded;
import io.tutti.profiles.testing.Database;
import io.tutti.profiles.testing.ProfilesTest;
import io.tutti.profiles.testing.ServiceTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ProfilesTest
@TestSecurity(
    user = "sam",
    roles = {"sales", "agent"})
@OidcSecurity(
    claims = {@Claim(key = "workspace", value = "acme"), @Claim(key = "sub", value = "sam-id")})
class StageTest extends ServiceTest {

  @Test
  void aSalesRepQualifiesALeadAndEveryStepIsKept() {
    String id = newContact("Kenji");

    stage(id, Map.of("stage", "lead", "note", "Asked for a quote on Instagram")).statusCode(200);
    JsonPath qualified =
        stage(id, Map.of("stage", "qualified", "note", "Budget and timeline confirmed"))
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(qualified.getString("stage")).isEqualTo("qualified");
    ContactStageChanged toLead =
        broker.await(
            ContactStageChanged.class, c -> c.contactId().equals(id) && c.to().equals("lead"));
    assertThat(toLead.from()).isEqualTo("new");
    assertThat(toLead.by()).isEqualTo("sam-id");
    assertThat(toLead.note()).isEqualTo("Asked for a quote on Instagram");
    assertThat(toLead.at()).isNotNull();
    ContactStageChanged toQualified =
        broker.await(
            ContactStageChanged.class, c -> c.contactId().equals(id) && c.to().equals("qualified"));
    assertThat(toQualified.from()).isEqualTo("lead");
    assertThat(
            broker.await(
                ContactUpdated.class,
                u -> u.contactId().equals(id) && "qualified".equals(u.stage())))
        .isNotNull();
    assertThat(
            Database.column(
                "select from_stage || '>' || to_stage || ':' || by_name from stage_change where"
                    + " contact_id = ? order by at",
                UUID.fromString(id)))
        .containsExactly("new>lead:sam", "lead>qualified:sam");
  }

  @Test
  @TestSecurity(user = "alice", roles = "agent")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void anAgentCannotQualify() {
    String id = newContact("Kenji");

    stage(id, Map.of("stage", "qualified"))
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:forbidden"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("checked", true))
        .when()
        .put("/api/contacts/" + id + "/checklist/budget")
        .then()
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("ownerId", "alice"))
        .when()
        .put("/api/contacts/" + id + "/owner")
        .then()
        .statusCode(403);
    assertThat(contact(id).getString("stage")).isEqualTo("new");
  }

  @Test
  @TestSecurity(
      user = "ada",
      roles = {"admin", "sales", "agent"})
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void anAdminMayChangeTheStage() {
    String id = newContact("Kenji");
    stage(id, Map.of("stage", "lead")).statusCode(200).body("stage", equalTo("lead"));
  }

  @Test
  void disqualifyingTakesAReason() {
    String id = newContact("Kenji");

    stage(id, Map.of("stage", "disqualified"))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("reason"));
    stage(id, Map.of("stage", "disqualified", "reason", "Student, no budget", "note", "Polite"))
        .statusCode(200)
        .body("stage", equalTo("disqualified"))
        .body("disqualifiedReason", equalTo("Student, no budget"));
    // Back in play later: the reason goes with the old stage.
    stage(id, Map.of("stage", "lead")).statusCode(200).body("disqualifiedReason", equalTo(null));
  }

  @Test
  void badStageRequestsAreRefused() {
    String id = newContact("Kenji");
    stage(id, Map.of("stage", "won"))
        .statusCode(400)
        .body("type", equalTo("urn:tutti:problem:validation"))
        .body("errors[0].field", equalTo("stage"));
    stage(id, Map.of("note", "no stage")).statusCode(400).body("errors[0].field", equalTo("stage"));
    stage(id, Map.of("stage", "lead", "note", "x".repeat(2001)))
        .statusCode(400)
        .body("errors[0].field", equalTo("note"));
    given()
        .contentType(ContentType.JSON)
        .when()
        .post("/api/contacts/" + id + "/stage")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    stage(UUID.randomUUID().toString(), Map.of("stage", "lead")).statusCode(404);
  }

  @Test
  void movingToTheStageItIsInChangesNothing() {
    String id = newContact("Kenji");
    stage(id, Map.of("stage", "lead")).statusCode(200);
    stage(id, Map.of("stage", "lead", "note", "again")).statusCode(200);

    assertThat(
            Database.count(
                "select count(*) from stage_change where contact_id = ?", UUID.fromString(id)))
        .isEqualTo(1);
  }

  @Test
  void aSaleMakesItsContactACustomerOnce() {
    String id = newContact("Kenji");
    stage(id, Map.of("stage", "qualified")).statusCode(200);
    String saleId = "sale-" + UUID.randomUUID();
    SaleRecorded sale =
        new SaleRecorded(saleId, id, "order-1001", new BigDecimal("129.90"), "JPY", Instant.now());

    EventEnvelope first = broker.publish("attribution", WORKSPACE, sale);
    EventEnvelope again = broker.publish("attribution", WORKSPACE, sale);
    awaitHandled(first, "profiles.attribution");
    awaitHandled(again, "profiles.attribution");

    assertThat(contact(id).getString("stage")).isEqualTo("customer");
    ContactStageChanged change =
        broker.await(
            ContactStageChanged.class, c -> c.contactId().equals(id) && c.to().equals("customer"));
    assertThat(change.from()).isEqualTo("qualified");
    assertThat(change.by()).isEqualTo("system");
    assertThat(change.note()).isEqualTo("Sale of order order-1001");
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                broker
                        .all(
                            ContactStageChanged.class,
                            c -> c.contactId().equals(id) && c.to().equals("customer"))
                        .size()
                    == 1);
    assertThat(Database.count("select count(*) from conversion where sale_id = ?", saleId))
        .isEqualTo(1);
  }

  @Test
  void theChecklistAndTheOwnerAreKeptOnTheContact() {
    String id = newContact("Kenji");

    JsonPath ticked =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("checked", true, "note", "¥2M approved"))
            .when()
            .put("/api/contacts/" + id + "/checklist/budget")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(ticked.getBoolean("checklist.find { it.item == 'budget' }.checked")).isTrue();
    assertThat(ticked.getString("checklist.find { it.item == 'budget' }.note"))
        .isEqualTo("¥2M approved");
    assertThat(ticked.getString("checklist.find { it.item == 'budget' }.byName")).isEqualTo("sam");
    assertThat(ticked.getBoolean("checklist.find { it.item == 'need' }.checked")).isFalse();

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("checked", true))
        .when()
        .put("/api/contacts/" + id + "/checklist/horoscope")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("note", "no checked"))
        .when()
        .put("/api/contacts/" + id + "/checklist/need")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("checked"));

    owner(id, Map.of("ownerId", "sam-id"))
        .statusCode(200)
        .body("owner.id", equalTo("sam-id"))
        .body("owner.name", equalTo("sam"));
    owner(id, Map.of("ownerId", "kai-id", "ownerName", "Kai")).body("owner.name", equalTo("Kai"));
    owner(id, Map.of()).statusCode(200).body("owner", equalTo(null));
  }

  private static ValidatableResponse stage(String id, Map<String, ?> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/contacts/" + id + "/stage")
        .then();
  }

  private static ValidatableResponse owner(String id, Map<String, ?> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .put("/api/contacts/" + id + "/owner")
        .then();
  }
}
