package io.tutti.profiles.merge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.profiles.testing.Messages;
import io.tutti.profiles.testing.ProfilesTest;
import io.tutti.profiles.testing.ServiceTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Everything short of a proven phone or email is a suggestion for a person, never a merge. */
@QuarkusTest
@ProfilesTest
@TestSecurity(user = "alice", roles = "agent")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class MergeSuggestionTest extends ServiceTest {

  @Test
  void aMessageGivingAnotherContactsEmailIsSuggested() {
    String address = Messages.email("grace");
    String byEmail = receive(Messages.email(address, "Grace Hopper", "Hello")).contactId();
    String onInstagram =
        receive(
                Messages.instagram(
                    "17841" + Messages.digits(10), "It's me, my email is " + address.toUpperCase()))
            .contactId();

    JsonPath suggestion = onlySuggestionOf(onInstagram);
    assertThat(suggestion.getList("contacts.id")).containsExactly(byEmail, onInstagram);
    assertThat(suggestion.getList("reasons.reason")).containsExactly("message-mentions-email");
    assertThat(suggestion.getList("reasons.detail")).containsExactly(address);
    assertThat(suggestion.getDouble("confidence")).isEqualTo(0.85);
    // Suggested, not merged: both still stand on their own.
    assertThat(contact(onInstagram).getList("identities.channel")).containsExactly("instagram");
    assertThat(contact(byEmail).getList("identities.channel")).containsExactly("email");
  }

  @Test
  void aMessageGivingAnotherContactsPhoneIsSuggested() {
    String phone = Messages.japaneseMobile();
    String bySms = receive(Messages.sms(phone, "Hi")).contactId();
    String national =
        "0" + phone.substring(3, 5) + "-" + phone.substring(5, 9) + "-" + phone.substring(9);
    String onMessenger =
        receive(Messages.messenger(Messages.digits(16), "Call me on " + national + " please"))
            .contactId();

    JsonPath suggestion = onlySuggestionOf(onMessenger);
    assertThat(suggestion.getList("contacts.id")).containsExactly(bySms, onMessenger);
    assertThat(suggestion.getList("reasons.reason")).containsExactly("message-mentions-phone");
    assertThat(suggestion.getList("reasons.detail")).containsExactly(phone);
    assertThat(suggestion.getDouble("confidence")).isEqualTo(0.75);
  }

  @Test
  void theSameNameWithTheSameCompanyOrCityIsSuggested() {
    String name = "Ada " + Messages.word();
    String first = newContact(name);
    String second = newContact("Someone");
    String third = newContact("Someone else");
    put(first, Map.of("company", "Analytical Engines", "city", "London"));
    put(second, Map.of("name", name, "company", "analytical engines"));
    put(third, Map.of("name", name.toUpperCase(), "city", "London"));

    JsonPath company = onlySuggestionOf(second);
    assertThat(company.getList("contacts.id")).containsExactly(first, second);
    assertThat(company.getList("reasons.reason")).containsExactly("same-name-and-company");
    assertThat(company.getDouble("confidence")).isEqualTo(0.6);
    JsonPath city = onlySuggestionOf(third);
    assertThat(city.getList("contacts.id")).containsExactly(first, third);
    assertThat(city.getList("reasons.reason")).containsExactly("same-name-and-city");
    assertThat(city.getDouble("confidence")).isEqualTo(0.4);
  }

  @Test
  void aWebsiteVisitorWhoIdentifiesWithAnotherContactsEmailIsSuggested() {
    String address = Messages.email("grace");
    String byEmail = receive(Messages.email(address, "Grace", "Hello")).contactId();
    String visitorId = "v_" + UUID.randomUUID();
    String visitor = receive(Messages.web(visitorId, null, null, "Just browsing")).contactId();

    String later =
        receive(Messages.web(visitorId, "Grace", address, "Here is my email")).contactId();

    assertThat(later).isEqualTo(visitor);
    JsonPath suggestion = onlySuggestionOf(visitor);
    assertThat(suggestion.getList("contacts.id")).containsExactly(byEmail, visitor);
    assertThat(suggestion.getList("reasons.reason")).containsExactly("web-visitor-identified");
    assertThat(suggestion.getDouble("confidence")).isEqualTo(0.8);
    // The address stays with the contact that proved it until someone merges them.
    assertThat(contact(visitor).getList("handles")).isEmpty();
  }

  @Test
  void aVisitorWhoGivesAnAddressNobodyHasKeepsIt() {
    String visitorId = "v_" + UUID.randomUUID();
    String visitor = receive(Messages.web(visitorId, null, null, "Hi")).contactId();
    String address = Messages.email("new");
    receive(Messages.web(visitorId, null, address, "My email"));

    assertThat(contact(visitor).getList("handles.value")).containsExactly(address);
    assertThat(suggestionsOf(visitor).getList("items")).isEmpty();
  }

  @Test
  void anAgentGivingAContactAnotherContactsPhoneIsSuggestedWithMoreReasons() {
    String phone = Messages.japaneseMobile();
    String name = "Ken " + Messages.word();
    String bySms = receive(Messages.sms(phone, "Hi")).contactId();
    String onTelegram =
        receive(Messages.telegram(Messages.digits(9), name, null, "Hi")).contactId();
    put(bySms, Map.of("name", name, "company", "Sato Trading"));
    put(onTelegram, Map.of("company", "Sato Trading"));
    put(onTelegram, Map.of("handles", List.of(Map.of("kind", "phone", "value", phone))));

    JsonPath suggestion = onlySuggestionOf(onTelegram);
    assertThat(suggestion.getList("reasons.reason"))
        .containsExactly("same-phone", "same-name-and-company");
    assertThat(suggestion.getDouble("confidence")).isEqualTo(0.95);
  }

  @Test
  void aDismissedSuggestionStaysDismissed() {
    String address = Messages.email("grace");
    receive(Messages.email(address, "Grace", "Hello"));
    String igsid = "17841" + Messages.digits(10);
    String onInstagram = receive(Messages.instagram(igsid, "email: " + address)).contactId();
    String id = onlySuggestionOf(onInstagram).getString("id");

    given()
        .when()
        .post("/api/contacts/merge-suggestions/" + id + "/dismiss")
        .then()
        .statusCode(204);
    receive(Messages.instagram(igsid, "again, " + address));

    assertThat(suggestionsOf(onInstagram).getList("items")).isEmpty();
    given()
        .when()
        .post("/api/contacts/merge-suggestions/" + id + "/dismiss")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tutti:problem:suggestion-decided"));
    given()
        .when()
        .post("/api/contacts/merge-suggestions/" + UUID.randomUUID() + "/dismiss")
        .then()
        .statusCode(404);
  }

  @Test
  void mergingTheTwoClosesTheirSuggestion() {
    String address = Messages.email("grace");
    String byEmail = receive(Messages.email(address, "Grace", "Hello")).contactId();
    String onInstagram =
        receive(Messages.instagram("17841" + Messages.digits(10), "I'm " + address)).contactId();
    onlySuggestionOf(onInstagram);

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("otherContactId", onInstagram))
        .when()
        .post("/api/contacts/" + byEmail + "/merge")
        .then()
        .statusCode(200);

    assertThat(suggestionsOf(byEmail).getList("items")).isEmpty();
  }

  @Test
  void suggestionsAreListedByConfidencePageByPage() {
    String phone = Messages.japaneseMobile();
    String address = Messages.email("ken");
    String name = "Ken " + Messages.word();
    String bySms = receive(Messages.sms(phone, "Hi")).contactId();
    String byEmail = receive(Messages.email(address, name, "Hi")).contactId();
    put(byEmail, Map.of("city", "Kyoto"));
    String onTelegram =
        receive(Messages.telegram(Messages.digits(9), name, null, "I'm on " + phone)).contactId();
    put(onTelegram, Map.of("city", "Kyoto"));

    JsonPath first = suggestionsOf(onTelegram, "&limit=1");
    assertThat(first.getList("items.reasons[0].reason")).containsExactly("message-mentions-phone");
    assertThat(first.getList("items[0].contacts.id")).contains(bySms);
    String cursor = first.getString("nextCursor");
    assertThat(cursor).isNotNull();
    JsonPath second = suggestionsOf(onTelegram, "&limit=1&cursor=" + cursor);
    assertThat(second.getList("items.reasons[0].reason")).containsExactly("same-name-and-city");
    assertThat(second.getList("items[0].contacts.id")).contains(byEmail);
    assertThat(second.getString("nextCursor")).isNull();

    given()
        .when()
        .get("/api/contacts/merge-suggestions?contactId=nope")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("contactId"));
    given()
        .when()
        .get("/api/contacts/merge-suggestions?cursor=garbage")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tutti:problem:invalid-cursor"));
  }

  private static JsonPath onlySuggestionOf(String contactId) {
    JsonPath page = suggestionsOf(contactId);
    assertThat(page.getList("items")).as("suggestions of %s", contactId).hasSize(1);
    return page.setRootPath("items[0]");
  }

  private static JsonPath suggestionsOf(String contactId) {
    return suggestionsOf(contactId, "");
  }

  private static JsonPath suggestionsOf(String contactId, String more) {
    return given()
        .when()
        .get("/api/contacts/merge-suggestions?contactId=" + contactId + more)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
