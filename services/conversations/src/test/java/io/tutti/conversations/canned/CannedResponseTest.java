package io.tutti.conversations.canned;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.events.testing.Callers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class CannedResponseTest extends ServiceTest {

  @Test
  void agentWritesASnippetAndFillsItInForAConversation() {
    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), "instagram").named("Ana Souza").id(mid).build());
    String conversationId = conversationOfMessage(mid);
    Callers.agent("alice", workspace);

    JsonPath created =
        create(
            Map.of(
                "shortcut",
                "/Refund",
                "title",
                "Refund policy",
                "text",
                "Hi {{contact.first_name}}, I'm {{ agent.name }}. Refunds take 5 days."));
    assertThat(created.getString("shortcut")).isEqualTo("refund");
    assertThat(created.getList("placeholders")).containsExactly("contact.first_name", "agent.name");
    assertThat(created.getString("createdBy")).isEqualTo("alice");

    String id = created.getString("id");
    assertThat(list("?q=/ref").getList("id")).containsExactly(id);
    assertThat(list("?q=zzz").getList("id")).isEmpty();
    assertThat(
            given()
                .get("/api/canned-responses/" + id + "/render?conversationId=" + conversationId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("text"))
        .isEqualTo("Hi Ana, I'm Agent alice. Refunds take 5 days.");
  }

  @Test
  void shortcutsAreUniqueAndPlaceholdersMustBeKnown() {
    create(Map.of("shortcut", "hello", "text", "Hello!"));

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("shortcut", "/HELLO", "text", "Hi again"))
        .post("/api/canned-responses")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tutti:problem:shortcut-taken"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("shortcut", "order", "text", "Your order {{order.number}}"))
        .post("/api/canned-responses")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("text"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("shortcut", "two words", "text", "x"))
        .post("/api/canned-responses")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("shortcut"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("shortcut", "empty"))
        .post("/api/canned-responses")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("text"));
    assertThat(list("").getList("shortcut")).containsExactly("hello");
  }

  @Test
  void onlyTheAuthorOrAnAdminChangesOrDeletesASnippet() {
    Callers.agent("alice", workspace);
    String id = create(Map.of("shortcut", "thanks", "text", "Thank you!")).getString("id");
    Callers.agent("sam", workspace);

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("shortcut", "thanks", "text", "Cheers"))
        .put("/api/canned-responses/" + id)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given().delete("/api/canned-responses/" + id).then().statusCode(403);
    Callers.agent("alice", workspace);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("shortcut", "thanks", "text", "Thank you so much!"))
        .put("/api/canned-responses/" + id)
        .then()
        .statusCode(200)
        .body("text", equalTo("Thank you so much!"));
    Callers.admin("ada", workspace);
    given().delete("/api/canned-responses/" + id).then().statusCode(204);

    given().get("/api/canned-responses/" + id).then().statusCode(404);
  }

  @Test
  void anotherWorkspacesSnippetsAreNotThere() {
    String id = create(Map.of("shortcut", "secret", "text", "Internal")).getString("id");
    Callers.admin("bob", "ws-" + UUID.randomUUID());

    assertThat(list("").getList("id")).isEmpty();
    given().get("/api/canned-responses/" + id).then().statusCode(404);
    given().delete("/api/canned-responses/" + id).then().statusCode(404);
  }

  private static JsonPath create(Map<String, ?> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/canned-responses")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static JsonPath list(String query) {
    return given().get("/api/canned-responses" + query).then().statusCode(200).extract().jsonPath();
  }
}
