package io.tutti.attribution.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tutti.attribution.testing.AttributionTest;
import io.tutti.attribution.testing.ServiceTest;
import io.tutti.events.EventEnvelope;
import io.tutti.events.testing.Callers;
import io.tutti.events.type.ContactMerged;
import io.tutti.events.type.ContactUpdated;
import io.tutti.events.type.Referral;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A person's touches and conversions, handed to profiles for their GDPR export. */
@QuarkusTest
@AttributionTest
class ContactExportTest extends ServiceTest {

  private final Instant start =
      Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

  @Test
  void theExportHoldsTheTouchesAndConversionsOfThePersonAndOfEveryoneMergedIntoThem() {
    Person person = person();

    JsonPath export = export(person.survivor());

    assertThat(export.getString("contactId")).isEqualTo(person.survivor());
    assertThat(export.getString("exportedAt")).isNotNull();
    assertThat(export.getList("contactIds"))
        .containsExactlyInAnyOrder(person.survivor(), person.merged());
    assertThat(export.getList("touches.type"))
        .containsExactly("session", "first_message", "ad_referral");
    assertThat(export.getList("touches.contactId"))
        .containsExactly(person.survivor(), person.merged(), person.survivor());
    assertThat(export.getString("touches[0].identityChannel")).isEqualTo("web");
    assertThat(export.getString("touches[0].identityId")).isEqualTo(person.visitor());
    assertThat(export.getString("touches[0].landingUrl"))
        .isEqualTo("https://shop.example/shoes?utm_source=ig&utm_campaign=spring");
    assertThat(export.getString("touches[0].referrer")).isEqualTo("https://l.instagram.com/");
    assertThat(export.getString("touches[0].utm.campaign")).isEqualTo("spring");
    assertThat(export.getInt("touches[0].pageViews")).isEqualTo(2);
    assertThat(export.getString("touches[1].identityChannel")).isEqualTo("whatsapp");
    assertThat(export.getString("touches[1].identityId")).isEqualTo(person.waId());
    assertThat(export.getString("touches[2].adId")).isEqualTo("ad-7");
    assertThat(export.getString("touches[2].campaign")).isEqualTo("summer");
    assertThat(export.getList("conversions.kind"))
        .containsExactly("contact", "contact", "qualified", "sale");
    // One person counts once as a contact: the later contact of the merge no longer counts.
    assertThat(export.getList("conversions.counted")).containsExactly(true, false, true, true);
    assertThat(export.getString("conversions[3].orderId")).isEqualTo(person.orderId());
    assertThat(export.getString("conversions[3].amount")).isEqualTo("49.90");
    assertThat(export.getString("conversions[3].currency")).isEqualTo("USD");
    assertThat(export.getList("identities.externalId"))
        .containsExactlyInAnyOrder(person.visitor(), person.waId(), person.igId());
    assertThat(export.getList("handles.value")).containsExactly("kenji@example.com");
  }

  @Test
  void aMergedContactsIdExportsThePersonItWasMergedInto() {
    Person person = person();

    JsonPath export = export(person.merged());

    assertThat(export.getString("contactId")).isEqualTo(person.survivor());
    assertThat(export.getList("touches")).hasSize(3);
    assertThat(export.getList("conversions")).hasSize(4);
  }

  @Test
  void aContactAttributionKnowsNothingOfHasAnEmptyExport() {
    String contact = UUID.randomUUID().toString();
    Callers.admin("ada", workspace);

    JsonPath export = export(contact);

    assertThat(export.getString("contactId")).isEqualTo(contact);
    assertThat(export.getList("contactIds")).containsExactly(contact);
    for (String part : List.of("identities", "handles", "touches", "conversions")) {
      assertThat(export.getList(part)).as(part).isEmpty();
    }
  }

  @Test
  void anotherWorkspaceExportsNothingOfThisOne() {
    Person person = person();

    Callers.admin("eve", "ws-other-" + UUID.randomUUID());

    JsonPath export = export(person.survivor());
    assertThat(export.getList("touches")).isEmpty();
    assertThat(export.getList("conversions")).isEmpty();
    assertThat(export.getList("identities")).isEmpty();
  }

  @Test
  void onlyAnAdminExports() {
    String path = "/api/attribution/contacts/" + UUID.randomUUID() + "/export";
    for (String role : List.of("agent", "sales")) {
      Callers.actAs("sam", workspace, role);
      given().when().get(path).then().statusCode(403);
    }
    Callers.anonymous();
    given().when().get(path).then().statusCode(401);
    Callers.admin("ada", workspace);
    given()
        .when()
        .get("/api/attribution/contacts/not-a-contact/export")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  /**
   * A person who visited the website from an Instagram link, wrote on WhatsApp as a contact of
   * their own (merged into the first later), came back through an Instagram ad, was qualified and
   * bought. Leaves the caller an admin.
   */
  private Person person() {
    String survivor = UUID.randomUUID().toString();
    String merged = UUID.randomUUID().toString();
    String visitor = UUID.randomUUID().toString();
    String waId = "8190" + (10_000_000 + (int) (Math.random() * 89_999_999));
    String igId = "1784" + UUID.randomUUID();
    String orderId = "order-" + UUID.randomUUID();
    pageView(
        visitor,
        "https://shop.example/shoes?utm_source=ig&utm_campaign=spring",
        "https://l.instagram.com/",
        start);
    pageView(
        visitor, "https://shop.example/cart", "https://shop.example/shoes", start.plusSeconds(60));
    awaitTracked(1);
    resolved("web", visitor, survivor, true, start.plusSeconds(120));
    message("whatsapp", waId, null, start.plusSeconds(600));
    resolved("whatsapp", waId, merged, true, start.plusSeconds(601));
    message(
        "instagram",
        igId,
        new Referral("ADS", "ad-7", "summer", null, Map.of()),
        start.plusSeconds(1200));
    resolved("instagram", igId, survivor, false, start.plusSeconds(1201));
    EventEnvelope updated =
        publisher.publish(
            "profiles",
            workspace,
            new ContactUpdated(
                survivor, "Kenji", List.of("kenji@example.com"), List.of(), "lead", Map.of()));
    awaitHandled(updated, "attribution.contacts");
    qualified(survivor, start.plusSeconds(1800));
    recordSale(survivor, orderId, "49.90", start.plusSeconds(2400)).then().statusCode(201);
    EventEnvelope merge =
        publisher.publish(
            "profiles",
            workspace,
            new ContactMerged(UUID.randomUUID().toString(), survivor, merged, "ada"));
    awaitHandled(merge, "attribution.contacts");
    Callers.admin("ada", workspace);
    return new Person(survivor, merged, visitor, waId, igId, orderId);
  }

  private record Person(
      String survivor, String merged, String visitor, String waId, String igId, String orderId) {}

  private static JsonPath export(String contactId) {
    return given()
        .when()
        .get("/api/attribution/contacts/" + contactId + "/export")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath()
        .using(EXACT);
  }
}
