package io.tutti.profiles.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.ContactErased;
import io.tutti.events.type.SaleRecorded;
import io.tutti.events.type.SessionRecorded;
import io.tutti.profiles.testing.Database;
import io.tutti.profiles.testing.Messages;
import io.tutti.profiles.testing.ProfilesTest;
import io.tutti.profiles.testing.ServiceTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ProfilesTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(
    claims = {@Claim(key = "workspace", value = "acme"), @Claim(key = "sub", value = "ada-id")})
class PrivacyTest extends ServiceTest {

  @Test
  void theExportHoldsEverythingProfilesKnowsAboutThePerson() {
    Person person = richPerson();

    JsonPath export =
        given()
            .when()
            .get("/api/contacts/" + person.id() + "/export")
            .then()
            .statusCode(200)
            .header("Content-Disposition", containsString("contact-" + person.id() + ".json"))
            .extract()
            .jsonPath();

    assertThat(export.getString("contact.id")).isEqualTo(person.id());
    assertThat(export.getList("contact.identities.channel"))
        .containsExactly("whatsapp", "sms", "email");
    assertThat(export.getList("contact.handles.value")).contains(person.phone(), person.email());
    assertThat(export.getString("contact.attributes.plan.value")).isEqualTo("gold");
    assertThat(export.getList("mergedContacts.id")).containsExactly(person.mergedId());
    assertThat(export.getString("mergedContacts[0].state.name"))
        .isEqualTo(person.name() + " by email");
    assertThat(export.getList("stageChanges.to")).containsExactly("lead", "customer");
    assertThat(export.getList("sessions.sessionId")).containsExactly(person.sessionId());
    assertThat(export.getList("sales.orderId")).containsExactly("order-42");
    assertThat(export.getList("merges.merge.mergedId")).containsExactly(person.mergedId());
    assertThat(export.getList("merges.merge.identities"))
        .containsExactly(List.of("email:" + person.email()));
    assertThat(export.getList("audit.action")).containsExactly("merge");
    assertThat(export.getList("mergeSuggestions.status")).containsExactly("open");
  }

  @Test
  void erasingLeavesNothingOfThePersonAndTellsTheOtherServices() {
    Person person = richPerson();
    List<String> traces =
        List.of(
            person.id(),
            person.mergedId(),
            person.phone(),
            person.phone().substring(1),
            person.email(),
            person.name(),
            person.sessionId(),
            "order-42");
    // Everything announced so far is out, so the erasure meets the outbox as it usually is.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Database.count(
                        "select count(*) from outbox_event where published_at is null and envelope"
                            + " like ?",
                        "%" + person.id() + "%")
                    == 0);
    assertThat(rowsMentioning(person.id())).isNotEmpty();

    given().when().delete("/api/contacts/" + person.id()).then().statusCode(204);

    for (String trace : traces) {
      assertThat(rowsMentioning(trace)).as("rows mentioning %s", trace).isEmpty();
    }
    ContactErased survivor =
        broker.await(ContactErased.class, e -> e.contactId().equals(person.id()));
    ContactErased merged =
        broker.await(ContactErased.class, e -> e.contactId().equals(person.mergedId()));
    assertThat(List.of(survivor.by(), merged.by())).containsOnly("ada-id");
    // Connectors know the person only by their platform ids: the event names them.
    assertThat(survivor.identities())
        .contains("whatsapp:" + person.phone().substring(1), "sms:" + person.phone());
    given().when().get("/api/contacts/" + person.id()).then().statusCode(404);
    given().when().get("/api/contacts/" + person.mergedId()).then().statusCode(404);
    given().when().delete("/api/contacts/" + person.id()).then().statusCode(404);
    // The other contact of the suggestion is another person, and stays.
    given().when().get("/api/contacts/" + person.lookalikeId()).then().statusCode(200);
    JsonPath audit =
        given().when().get("/api/contacts/audit").then().statusCode(200).extract().jsonPath();
    assertThat(audit.getString("items[0].action")).isEqualTo("erase");
    assertThat(audit.getString("items[0].actorName")).isEqualTo("ada");
    assertThat(audit.getString("items[0].contactId")).isNull();
  }

  @Test
  void theCustomerWritingAgainAfterAnErasureIsANewContact() {
    String phone = Messages.japaneseMobile();
    String id = receive(Messages.sms(phone, "Hi")).contactId();
    given().when().delete("/api/contacts/" + id).then().statusCode(204);

    var again = receive(Messages.sms(phone, "Hello again"));

    assertThat(again.created()).isTrue();
    assertThat(again.contactId()).isNotEqualTo(id);
  }

  @Test
  void aMergedContactIsErasedThroughItsSurvivor() {
    String survivor = newContact("A");
    String merged = newContact("B");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("otherContactId", merged))
        .when()
        .post("/api/contacts/" + survivor + "/merge")
        .then()
        .statusCode(200);

    given()
        .when()
        .delete("/api/contacts/" + merged)
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tutti:problem:contact-merged"));
  }

  @Test
  @TestSecurity(
      user = "sam",
      roles = {"sales", "agent"})
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void onlyAnAdminExportsOrErases() {
    String id = newContact("Kenji");
    given().when().get("/api/contacts/" + id + "/export").then().statusCode(403);
    given().when().delete("/api/contacts/" + id).then().statusCode(403);
    given().when().get("/api/contacts/" + id).then().statusCode(200);
  }

  /**
   * A person with everything profiles can hold: identities on three channels (one through a merged
   * contact), handles, attributes, stage changes, a web session, a sale, a merge and a suggestion
   * naming someone who looks alike.
   */
  private Person richPerson() {
    String phone = Messages.japaneseMobile();
    String email = Messages.email("kenji");
    String name = "Kenji " + Messages.word();
    String id = receive(Messages.whatsapp(phone.substring(1), name, "Hi")).contactId();
    receive(Messages.sms(phone, "Hi by text"));
    String mergedId = receive(Messages.email(email, name + " by email", "Hello")).contactId();
    put(
        id,
        Map.of(
            "company",
            "Sato Trading " + Messages.word(),
            "attributes",
            Map.of("plan", Map.of("type", "text", "value", "gold"))));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("stage", "lead", "note", "Wants a quote"))
        .when()
        .post("/api/contacts/" + id + "/stage")
        .then()
        .statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("otherContactId", mergedId))
        .when()
        .post("/api/contacts/" + id + "/merge")
        .then()
        .statusCode(200);
    String lookalikeAddress = Messages.email("lookalike");
    String lookalikeId = receive(Messages.email(lookalikeAddress, "Someone", "Hi")).contactId();
    receive(Messages.sms(phone, "My colleague is " + lookalikeAddress));
    String sessionId = "s-" + UUID.randomUUID();
    List<EventEnvelope> attribution = new ArrayList<>();
    Instant then = Instant.now().minus(1, ChronoUnit.HOURS);
    attribution.add(
        broker.publish(
            "attribution",
            WORKSPACE,
            new SessionRecorded(
                sessionId,
                "anon",
                id,
                "paid_social",
                "spring",
                "https://shop.example/",
                null,
                then)));
    attribution.add(
        broker.publish(
            "attribution",
            WORKSPACE,
            new SaleRecorded(
                "sale-" + UUID.randomUUID(),
                id,
                "order-42",
                new BigDecimal("10.00"),
                "EUR",
                then)));
    attribution.forEach(event -> awaitHandled(event, "profiles.attribution"));
    return new Person(id, mergedId, lookalikeId, name, phone, email, sessionId);
  }

  private record Person(
      String id,
      String mergedId,
      String lookalikeId,
      String name,
      String phone,
      String email,
      String sessionId) {}

  /**
   * Every row of profiles' tables whose text mentions the value, as {@code table: row}. The
   * announcement of the erasure itself is the one place the contact's id may stay, until the outbox
   * has published it and its retention ends.
   */
  private static List<String> rowsMentioning(String value) {
    List<String> rows = new ArrayList<>();
    for (Object table :
        Database.column(
            "select table_name from information_schema.tables where table_schema = 'public' and"
                + " table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'")) {
      String filter = table.equals("outbox_event") ? " and t.type <> 'contact.erased'" : "";
      for (Object row :
          Database.column(
              "select t::text from " + table + " t where t::text ilike ?" + filter,
              "%" + value + "%")) {
        rows.add(table + ": " + row);
      }
    }
    return rows;
  }
}
