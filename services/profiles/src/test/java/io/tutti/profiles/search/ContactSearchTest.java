package io.tutti.profiles.search;

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
import org.junit.jupiter.api.Test;

@QuarkusTest
@ProfilesTest
@TestSecurity(user = "alice", roles = "agent")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class ContactSearchTest extends ServiceTest {

  @Test
  void findsByTheStartOfAnyNameWordWhateverTheCaseAndAccents() {
    String surname = Messages.word();
    String id = newContact("José " + surname + "-Álvarez");
    put(id, Map.of("name", "José Álvarez " + surname));

    assertThat(ids("jos " + surname.substring(0, 4))).containsExactly(id);
    assertThat(ids("ÁLVAREZ " + surname.toUpperCase())).containsExactly(id);
    assertThat(ids(surname.toLowerCase().substring(0, 5))).containsExactly(id);
    // A word's start, not its middle.
    assertThat(ids(surname.substring(2))).doesNotContain(id);
  }

  @Test
  void findsByEmailItsDomainAndAUsername() {
    String address = Messages.email("grace");
    String username = "gh_" + Messages.digits(7);
    String byEmail = receive(Messages.email(address, "Grace", "Hi")).contactId();
    String onTelegram =
        receive(Messages.telegram(Messages.digits(9), "G", username, "Hi")).contactId();

    assertThat(ids(address.toUpperCase())).containsExactly(byEmail);
    assertThat(ids(address.substring(0, address.indexOf('@') + 3))).containsExactly(byEmail);
    assertThat(ids("@" + username)).containsExactly(onTelegram);
    assertThat(ids(username.substring(0, 6))).containsExactly(onTelegram);
  }

  @Test
  void findsAPhoneNumberHoweverItIsTyped() {
    String phone = Messages.japaneseMobile();
    String id = receive(Messages.sms(phone, "Hi")).contactId();
    String a = phone.substring(3, 5);
    String b = phone.substring(5, 9);
    String c = phone.substring(9);

    for (String typed :
        List.of(
            "+81 " + a + "-" + b + "-" + c,
            "+81" + a + b + c,
            "0" + a + "-" + b + "-" + c,
            "0" + a + b + c,
            "(0" + a + ") " + b + " " + c,
            a + " " + b + " " + c,
            "81" + a + b + c,
            "0" + a + "-" + b,
            "+81 " + a + " " + b)) {
      assertThat(ids(typed)).as("searching %s", typed).containsExactly(id);
    }
  }

  @Test
  void everyWordMustMatch() {
    String word = Messages.word();
    String tokyo = newContact(word + " Tanaka");
    String osaka = newContact(word + " Suzuki");

    assertThat(ids(word)).containsExactlyInAnyOrder(tokyo, osaka);
    assertThat(ids(word + " tana")).containsExactly(tokyo);
    assertThat(ids(word + " yamada")).isEmpty();
  }

  @Test
  void resultsComePageByPageNewestFirst() {
    String word = Messages.word();
    String first = newContact(word + " One");
    String second = newContact(word + " Two");
    String third = newContact(word + " Three");

    JsonPath page = search(Map.of("q", word, "limit", "2"));
    assertThat(page.getList("items.id")).containsExactly(third, second);
    assertThat(page.getList("items[0].channels")).containsExactly("whatsapp");
    assertThat(page.getList("items[0].phones")).hasSize(1);
    JsonPath next = search(Map.of("q", word, "limit", "2", "cursor", page.getString("nextCursor")));
    assertThat(next.getList("items.id")).containsExactly(first);
    assertThat(next.getString("nextCursor")).isNull();
  }

  @Test
  void aContactMergedIntoAnotherIsFoundAsThatOne() {
    String word = Messages.word();
    String survivor = newContact(word + " Kept");
    String merged = newContact(word + " Folded");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("otherContactId", merged))
        .when()
        .post("/api/contacts/" + survivor + "/merge")
        .then()
        .statusCode(200);

    assertThat(ids(word)).containsExactly(survivor);
    // The name the folded contact's channel shows came along with its identity.
    assertThat(ids(word + " folded")).containsExactly(survivor);
  }

  @Test
  void wildcardsAreJustCharacters() {
    newContact(Messages.word());
    assertThat(ids("%")).isEmpty();
    assertThat(ids("_")).isEmpty();
  }

  @Test
  void badSearchesAreRefused() {
    given()
        .when()
        .get("/api/contacts?limit=0")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"));
    given().when().get("/api/contacts?limit=ten").then().statusCode(400);
    given().when().get("/api/contacts?limit=101").then().statusCode(400);
    given()
        .when()
        .get("/api/contacts?cursor=%%%")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .queryParam("q", "x".repeat(201))
        .when()
        .get("/api/contacts")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("q"));
  }

  private static List<String> ids(String q) {
    return search(Map.of("q", q, "limit", "100")).getList("items.id");
  }

  private static JsonPath search(Map<String, String> query) {
    return given()
        .queryParams(query)
        .when()
        .get("/api/contacts")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
