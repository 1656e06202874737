package io.tutti.conversations.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whatever a client sends, it gets a clear 4xx problem, never a 5xx or a stack trace. */
@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class BadInputTest extends ServiceTest {

  private String id;

  @BeforeEach
  void aConversation() {
    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), "instagram").id(mid).build());
    id = conversationOfMessage(mid);
  }

  @Test
  void bodyThatIsNotJsonOrOfTheWrongShapeIsA400NamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"status\": ")
        .post("/api/conversations/" + id + "/status")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:bad-request"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"status\": \"snoozed\", \"snoozeUntil\": \"tomorrow\"}")
        .post("/api/conversations/" + id + "/status")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("snoozeUntil"))
        .body(not(containsString("java.")));
    given()
        .contentType(ContentType.JSON)
        .body("{\"labels\": \"vip\"}")
        .put("/api/conversations/" + id + "/labels")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("labels"));
    given()
        .contentType(ContentType.JSON)
        .body("[]")
        .post("/api/conversations/" + id + "/assign")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.JSON)
        .post("/api/conversations/" + id + "/messages")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void overLongOrMissingFieldsAreRefused() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("text", "x".repeat(10_001)))
        .post("/api/conversations/" + id + "/messages")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("text"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/api/conversations/" + id + "/status")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("status"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of())
        .put("/api/conversations/" + id + "/labels")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("labels"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("text", "hi", "replyToMessageId", "not-a-message"))
        .post("/api/conversations/" + id + "/messages")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("replyToMessageId"));
  }

  @Test
  void wrongContentTypeIsA415AndUnknownIdsA404() {
    given()
        .contentType(ContentType.TEXT)
        .body("hello")
        .post("/api/conversations/" + id + "/messages")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
    given()
        .get("/api/conversations/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("type", equalTo("urn:tutti:problem:not-found"));
    given()
        .get("/api/conversations/not-an-id")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .get("/api/conversations/" + UUID.randomUUID() + "/messages")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .get("/api/conversations/" + id + "/messages?cursor=garbage")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tutti:problem:invalid-cursor"));
    given()
        .get("/api/conversations/" + id + "/activity?limit=-1")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("limit"));
  }
}
