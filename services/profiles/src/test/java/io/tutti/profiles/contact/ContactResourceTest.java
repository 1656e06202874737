package io.tutti.profiles.contact;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.events.type.ContactUpdated;
import io.tutti.profiles.testing.Messages;
import io.tutti.profiles.testing.ProfilesTest;
import io.tutti.profiles.testing.ServiceTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ProfilesTest
@TestSecurity(user = "alice", roles = "agent")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class ContactResourceTest extends ServiceTest {

  @Test
  void contactShowsIdentitiesHandlesStageChecklistAndTouches() {
    String waId = Messages.japaneseMobile().substring(1);
    String id = receive(Messages.whatsapp(waId, "Kenji Sato", "Hello")).contactId();

    JsonPath contact = contact(id);
    assertThat(contact.getString("id")).isEqualTo(id);
    assertThat(contact.getString("name")).isEqualTo("Kenji Sato");
    assertThat(contact.getString("stage")).isEqualTo("new");
    assertThat(contact.getString("owner")).isNull();
    assertThat(contact.getList("identities.channel")).containsExactly("whatsapp");
    assertThat(contact.getList("identities.externalId")).containsExactly(waId);
    assertThat(contact.getList("identities.inboxId")).containsExactly(Messages.INBOX);
    assertThat(contact.getList("handles.value")).containsExactly("+" + waId);
    assertThat(contact.getList("handles.source")).containsExactly("whatsapp");
    assertThat(contact.getList("checklist.item"))
        .containsExactly("budget", "authority", "need", "timeline");
    assertThat(contact.getList("checklist.checked")).containsOnly(false);
    assertThat(contact.getString("firstTouch.channel")).isEqualTo("whatsapp");
    assertThat(contact.getMap("attributes")).isEmpty();
  }

  @Test
  void anEditNamingAFieldTwiceIsABadRequestNotAServerError() {
    // Found by the fuzz run (bench/.../fuzz): a record's property named twice failed Jackson with
    // an InvalidDefinitionException, which Quarkus answered with a 500.
    String id = newContact("Twice");

    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"attributes\": {\"plan\": {\"type\": \"text\", \"type\": \"number\", \"value\":"
                + " 1}}}")
        .when()
        .put("/api/contacts/" + id)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void editChangesTheFieldsGivenReplacesHandlesAndAnnouncesIt() {
    String id = newContact("Kenji");
    String email = Messages.email("kenji");
    String phone = Messages.japaneseMobile();
    String national =
        "0" + phone.substring(3, 5) + "-" + phone.substring(5, 9) + "-" + phone.substring(9);

    JsonPath edited =
        put(
            id,
            Map.of(
                "name", "Kenji Sato",
                "company", "Sato Trading",
                "city", "Osaka",
                "language", "ja",
                "country", "jp",
                "notes", "Prefers LINE",
                "handles",
                    List.of(
                        Map.of("kind", "email", "value", email.toUpperCase()),
                        Map.of("kind", "phone", "value", national)),
                "attributes",
                    Map.of(
                        "plan", Map.of("type", "text", "value", "gold"),
                        "seats", Map.of("type", "number", "value", 12.50),
                        "renewal", Map.of("type", "date", "value", "2027-04-01"),
                        "vip", Map.of("type", "boolean", "value", true),
                        "interests", Map.of("type", "list", "value", List.of("tea", "ceramics")))));

    assertThat(edited.getString("name")).isEqualTo("Kenji Sato");
    assertThat(edited.getString("country")).isEqualTo("JP");
    assertThat(edited.getString("company")).isEqualTo("Sato Trading");
    assertThat(edited.getList("handles.value")).containsExactly(email, phone);
    assertThat(edited.getList("handles.source")).containsOnly("agent");
    assertThat(edited.getString("attributes.plan.value")).isEqualTo("gold");
    assertThat(edited.getString("attributes.renewal.type")).isEqualTo("date");
    assertThat(edited.getBoolean("attributes.vip.value")).isTrue();
    assertThat(edited.getList("attributes.interests.value")).containsExactly("tea", "ceramics");

    ContactUpdated updated =
        broker.await(
            ContactUpdated.class, u -> u.contactId().equals(id) && "Kenji Sato".equals(u.name()));
    assertThat(updated.emails()).containsExactly(email);
    assertThat(updated.phones()).containsExactly(phone);
    assertThat(updated.attributes()).containsEntry("plan", "gold").containsEntry("vip", true);
    assertThat(new BigDecimal(updated.attributes().get("seats").toString()))
        .isEqualByComparingTo("12.5");

    // What a later edit leaves out stays; an empty string clears.
    JsonPath again = put(id, Map.of("city", "", "notes", "Call after 6pm"));
    assertThat(again.getString("city")).isNull();
    assertThat(again.getString("company")).isEqualTo("Sato Trading");
    assertThat(again.getString("notes")).isEqualTo("Call after 6pm");
    assertThat(again.getList("handles.value")).containsExactly(email, phone);
    assertThat(contact(id).getString("attributes.plan.value")).isEqualTo("gold");
  }

  @Test
  void badEditsAreRefusedFieldByField() {
    String id = newContact("Kenji");
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "country", "XX",
                "language", "not a language",
                "avatarUrl", "ftp://example.com/a.png",
                "handles",
                    List.of(
                        Map.of("kind", "phone", "value", "12"),
                        Map.of("kind", "email", "value", "kenji@"),
                        Map.of("kind", "fax", "value", "123"),
                        Map.of("kind", "username", "value", "kenji")),
                "attributes",
                    Map.of(
                        "seats", Map.of("type", "number", "value", "twelve"),
                        "renewal", Map.of("type", "date", "value", "01/04/2027"),
                        "color", Map.of("type", "colour", "value", "red"),
                        "9lives", Map.of("type", "text", "value", "x"))))
        .when()
        .put("/api/contacts/" + id)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:validation"))
        .body(
            "errors.field",
            hasItems(
                "country",
                "language",
                "avatarUrl",
                "handles[0].value",
                "handles[1].value",
                "handles[2].kind",
                "handles[3].channel",
                "attributes.seats",
                "attributes.renewal",
                "attributes.color",
                "attributes.9lives"));
    // Nothing of a refused edit was applied.
    assertThat(contact(id).getString("country")).isNull();

    given()
        .contentType(ContentType.JSON)
        .body("{\"name\": ")
        .when()
        .put("/api/contacts/" + id)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("handles", "none"))
        .when()
        .put("/api/contacts/" + id)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:malformed-body"))
        .body("errors[0].field", equalTo("handles"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x".repeat(201)))
        .when()
        .put("/api/contacts/" + id)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("name"));
  }

  @Test
  void unknownAndMalformedIdsAreNotFound() {
    for (String id : List.of(UUID.randomUUID().toString(), "not-an-id")) {
      given()
          .when()
          .get("/api/contacts/" + id)
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("type", equalTo("urn:tutti:problem:not-found"))
          .body("title", equalTo("Not found"));
    }
  }

  @Test
  @TestSecurity(
      user = "bob",
      roles = {"admin", "sales", "agent"})
  @OidcSecurity(claims = @Claim(key = "workspace", value = "globex"))
  void anotherWorkspacesContactIsNotFound() {
    String id = receive(Messages.sms(Messages.japaneseMobile(), "Hi")).contactId();
    String other = receive(Messages.sms(Messages.japaneseMobile(), "Hi")).contactId();

    given().when().get("/api/contacts/" + id).then().statusCode(404);
    given().when().get("/api/contacts/" + id + "/timeline").then().statusCode(404);
    given().when().get("/api/contacts/" + id + "/export").then().statusCode(404);
    given().when().delete("/api/contacts/" + id).then().statusCode(404);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Taken over"))
        .when()
        .put("/api/contacts/" + id)
        .then()
        .statusCode(404);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("stage", "qualified"))
        .when()
        .post("/api/contacts/" + id + "/stage")
        .then()
        .statusCode(404);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("otherContactId", other))
        .when()
        .post("/api/contacts/" + id + "/merge")
        .then()
        .statusCode(404)
        .body("detail", containsString(id));
    given()
        .when()
        .get("/api/contacts?q=" + id)
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
  }

  @Test
  @TestSecurity(user = "nobody", roles = "agent")
  void callerOfNoWorkspaceIsRefused() {
    given()
        .when()
        .get("/api/contacts")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:workspace-required"));
  }
}
