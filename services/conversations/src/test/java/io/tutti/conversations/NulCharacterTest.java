package io.tutti.conversations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.ServiceTest;
import org.junit.jupiter.api.Test;

/**
 * Input that PostgreSQL cannot store or compare, as the fuzz run (bench/.../fuzz) sent it: a NUL in
 * a body's string or in a query parameter went as far as the database and answered 500.
 */
@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class NulCharacterTest extends ServiceTest {

  @Test
  void aNulInABodyStringIsRefusedNamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"shortcut\": \"nul\", \"title\": \"a\\u0000b\", \"text\": \"Hello\"}")
        .when()
        .post("/api/canned-responses")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:malformed-body"))
        .body("errors.field", hasItem("title"));
  }

  @Test
  void aNulInAQueryParameterIsRefused() {
    given()
        .urlEncodingEnabled(false)
        .when()
        .get("/api/conversations/counts?label=nul%00in%00the%00middle")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:bad-request"));
  }

  @Test
  void textWithoutNulIsStillTaken() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"shortcut\": \"plain-" + System.nanoTime() + "\", \"text\": \"Hello \\u00e9\"}")
        .when()
        .post("/api/canned-responses")
        .then()
        .statusCode(201);
  }
}
