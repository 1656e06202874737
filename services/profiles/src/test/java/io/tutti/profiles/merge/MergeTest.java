package io.tutti.profiles.merge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.tutti.events.type.ContactMerged;
import io.tutti.events.type.ContactResolved;
import io.tutti.events.type.ContactStageChanged;
import io.tutti.events.type.ContactUnmerged;
import io.tutti.profiles.testing.Messages;
import io.tutti.profiles.testing.ProfilesTest;
import io.tutti.profiles.testing.ServiceTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ProfilesTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class MergeTest extends ServiceTest {

  @Test
  void mergeThenUnmergeRestoresBothContactsExactly() {
    Pair pair = conflictingPair();
    Map<String, Object> survivorBefore = comparable(contact(pair.survivor()));
    Map<String, Object> mergedBefore = comparable(contact(pair.merged()));

    JsonPath merged = merge(pair.survivor(), pair.merged());

    String mergeId = merged.getString("merge.mergeId");
    assertThat(merged.getString("merge.byName")).isEqualTo("ada");
    assertThat(merged.getList("merge.identities")).containsExactly("email:" + pair.email());
    assertThat(merged.getList("merge.conflicts.field"))
        .containsExactlyInAnyOrder("name", "company", "stage", "attributes.plan");
    assertThat(
            merged.getString("merge.conflicts.find { it.field == 'attributes.plan' }.kept.value"))
        .isEqualTo("gold");
    assertThat(
            merged.getString(
                "merge.conflicts.find { it.field == 'attributes.plan' }.discarded.value"))
        .isEqualTo("silver");
    JsonPath survivor = merged.setRootPath("survivor");
    assertThat(survivor.getString("name")).isEqualTo("Ada");
    assertThat(survivor.getString("company")).isEqualTo("Acme");
    assertThat(survivor.getString("stage")).isEqualTo("qualified");
    assertThat(survivor.getString("owner.id")).isEqualTo("sam-id");
    assertThat(survivor.getString("notes")).isEqualTo("Met at the expo");
    assertThat(survivor.getList("identities.channel")).containsExactly("whatsapp", "email");
    assertThat(survivor.getList("handles.value")).containsExactly(pair.phone(), pair.email());
    assertThat(survivor.getString("attributes.plan.value")).isEqualTo("gold");
    assertThat(survivor.getInt("attributes.seats.value")).isEqualTo(5);
    assertThat(survivor.getString("attributes.region.value")).isEqualTo("emea");
    assertThat(survivor.getBoolean("checklist.find { it.item == 'budget' }.checked")).isTrue();
    assertThat(survivor.getList("merges.contactId")).containsExactly(pair.merged());

    ContactMerged event = broker.await(ContactMerged.class, m -> m.mergeId().equals(mergeId));
    assertThat(event.survivorId()).isEqualTo(pair.survivor());
    assertThat(event.mergedId()).isEqualTo(pair.merged());
    assertThat(event.by()).isEqualTo("ada");
    // The merged contact's id still shows the person: the survivor.
    assertThat(contact(pair.merged()).getString("id")).isEqualTo(pair.survivor());

    JsonPath unmerged = unmerge(pair.survivor(), mergeId);

    assertThat(unmerged.getString("merge.unmergedByName")).isEqualTo("ada");
    assertThat(comparable(contact(pair.survivor()))).isEqualTo(survivorBefore);
    assertThat(comparable(contact(pair.merged()))).isEqualTo(mergedBefore);
    ContactUnmerged undone = broker.await(ContactUnmerged.class, u -> u.mergeId().equals(mergeId));
    assertThat(undone.survivorId()).isEqualTo(pair.survivor());
    assertThat(undone.restoredId()).isEqualTo(pair.merged());
    assertThat(undone.identities()).containsExactly("email:" + pair.email());
    // The survivor's stage came with the merge and goes with the unmerge; both are kept.
    assertThat(broker.all(ContactStageChanged.class, c -> c.contactId().equals(pair.survivor())))
        .extracting(ContactStageChanged::from, ContactStageChanged::to)
        .containsExactly(tuple("new", "qualified"), tuple("qualified", "new"));
  }

  @Test
  void everyMergeAndUnmergeIsInTheAuditLog() {
    Pair pair = conflictingPair();
    String mergeId = merge(pair.survivor(), pair.merged()).getString("merge.mergeId");
    unmerge(pair.survivor(), mergeId);

    JsonPath audit =
        given()
            .when()
            .get("/api/contacts/audit?contactId=" + pair.merged())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(audit.getList("items.action")).containsExactly("unmerge", "merge");
    assertThat(audit.getList("items.mergeId")).containsOnly(mergeId);
    assertThat(audit.getList("items.contactId")).containsOnly(pair.survivor());
    assertThat(audit.getList("items.otherContactId")).containsOnly(pair.merged());
    assertThat(audit.getList("items.actorId")).containsOnly("ada");
    assertThat(audit.getList("items.actorName")).containsOnly("ada");
    assertThat(audit.getList("items[1].details.conflicts.field")).contains("company");
    assertThat(audit.getList("items[0].details.identities"))
        .containsExactly("email:" + pair.email());
  }

  @Test
  @TestSecurity(user = "alice", roles = "agent")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void agentsCannotReadTheAuditLog() {
    given().when().get("/api/contacts/audit").then().statusCode(403);
  }

  @Test
  void changesMadeAfterAMergeOutliveItsUnmerge() {
    Pair pair = conflictingPair();
    String mergeId = merge(pair.survivor(), pair.merged()).getString("merge.mergeId");
    put(
        pair.survivor(),
        Map.of(
            "company",
            "Acme Holdings",
            "attributes",
            Map.of(
                "plan", Map.of("type", "text", "value", "gold"),
                "seats", Map.of("type", "number", "value", 9),
                "region", Map.of("type", "text", "value", "emea"))));

    JsonPath survivor = unmerge(pair.survivor(), mergeId).setRootPath("survivor");

    assertThat(survivor.getString("company")).isEqualTo("Acme Holdings");
    assertThat(survivor.getInt("attributes.seats.value")).isEqualTo(9);
    // The region came with the merge and nobody changed it since: it goes back with the unmerge.
    assertThat(survivor.getMap("attributes")).doesNotContainKey("region");
    assertThat(survivor.getString("attributes.plan.value")).isEqualTo("gold");
  }

  @Test
  @TestSecurity(user = "alice", roles = "agent")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void theMergedContactsChannelsReachTheSurvivorUntilTheUnmerge() {
    String address = Messages.email("ada");
    String survivor = newContact("Ada");
    String merged = receive(Messages.email(address, "Ada", "Hello")).contactId();
    String mergeId = merge(survivor, merged).getString("merge.mergeId");

    ContactResolved whileMerged = receive(Messages.email(address, "Ada", "Me again"));
    assertThat(whileMerged.contactId()).isEqualTo(survivor);
    assertThat(whileMerged.created()).isFalse();

    unmerge(survivor, mergeId);
    assertThat(receive(Messages.email(address, "Ada", "And again")).contactId()).isEqualTo(merged);
  }

  @Test
  void mergesThatCannotBeAreRefused() {
    String a = newContact("A");
    String b = newContact("B");
    String c = newContact("C");

    postMerge(a, a).statusCode(400).body("errors[0].field", equalTo("otherContactId"));
    postMerge(a, "not-an-id").statusCode(400).body("errors[0].field", equalTo("otherContactId"));
    postMerge(a, UUID.randomUUID().toString()).statusCode(404);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of())
        .when()
        .post("/api/contacts/" + a + "/merge")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");

    String mergeId = merge(a, b).getString("merge.mergeId");
    postMerge(c, b)
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:contact-merged"));
    postMerge(b, c).statusCode(409).body("type", equalTo("urn:tutti:problem:contact-merged"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Edited while merged"))
        .when()
        .put("/api/contacts/" + b)
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tutti:problem:contact-merged"));
    postUnmerge(c, mergeId).statusCode(404);
    postUnmerge(a, UUID.randomUUID().toString()).statusCode(404);
    postUnmerge(a, "nonsense").statusCode(400).body("errors[0].field", equalTo("mergeId"));

    unmerge(a, mergeId);
    postUnmerge(a, mergeId)
        .statusCode(409)
        .body("type", equalTo("urn:tutti:problem:already-unmerged"));
  }

  @Test
  void aContactMergedIntoOneThatIsMergedFurtherFollowsToTheLast() {
    String a = newContact("A");
    String b = newContact("B");
    String c = newContact("C");
    String first = merge(b, c).getString("merge.mergeId");
    merge(a, b);

    assertThat(contact(c).getString("id")).isEqualTo(a);
    assertThat(contact(a).getList("identities")).hasSize(3);
    // The later merge must be undone first: b does not stand on its own meanwhile.
    postUnmerge(b, first).statusCode(409).body("type", equalTo("urn:tutti:problem:contact-merged"));
  }

  /**
   * Two contacts of one person with conflicting details: a WhatsApp contact and an email contact
   * that a sales rep already qualified.
   */
  private Pair conflictingPair() {
    String phone = Messages.japaneseMobile();
    String email = Messages.email("ada");
    String survivor = receive(Messages.whatsapp(phone.substring(1), "Ada", "Hi")).contactId();
    String merged = receive(Messages.email(email, "Ada L.", "Hello")).contactId();
    put(
        survivor,
        Map.of(
            "company",
            "Acme",
            "city",
            "Tokyo",
            "attributes",
            Map.of(
                "plan", Map.of("type", "text", "value", "gold"),
                "seats", Map.of("type", "number", "value", 5))));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("checked", true, "note", "Has budget for Q3"))
        .when()
        .put("/api/contacts/" + survivor + "/checklist/budget")
        .then()
        .statusCode(200);
    put(
        merged,
        Map.of(
            "company",
            "Acme Ltd",
            "notes",
            "Met at the expo",
            "attributes",
            Map.of(
                "plan", Map.of("type", "text", "value", "silver"),
                "region", Map.of("type", "text", "value", "emea"))));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("ownerId", "sam-id", "ownerName", "Sam"))
        .when()
        .put("/api/contacts/" + merged + "/owner")
        .then()
        .statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("stage", "qualified", "note", "Budget confirmed"))
        .when()
        .post("/api/contacts/" + merged + "/stage")
        .then()
        .statusCode(200);
    return new Pair(survivor, merged, phone, email);
  }

  private record Pair(String survivor, String merged, String phone, String email) {}

  /** A contact's view without the moment it last changed, which a round trip moves on. */
  private static Map<String, Object> comparable(JsonPath contact) {
    Map<String, Object> view = new HashMap<>(contact.getMap(""));
    view.remove("updatedAt");
    return view;
  }

  private static JsonPath merge(String survivor, String merged) {
    return postMerge(survivor, merged).statusCode(200).extract().jsonPath();
  }

  private static JsonPath unmerge(String survivor, String mergeId) {
    return postUnmerge(survivor, mergeId).statusCode(200).extract().jsonPath();
  }

  private static ValidatableResponse postMerge(String survivor, String other) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("otherContactId", other))
        .when()
        .post("/api/contacts/" + survivor + "/merge")
        .then();
  }

  private static ValidatableResponse postUnmerge(String survivor, String mergeId) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("mergeId", mergeId))
        .when()
        .post("/api/contacts/" + survivor + "/unmerge")
        .then();
  }
}
