package io.tutti.gateway.me;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.tutti.events.testing.TuttiTestInfrastructure;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
class MeResourceTest {

  @Test
  @TestSecurity(user = "alice", roles = "agent")
  @OidcSecurity(
      claims = {
        @Claim(key = "workspace", value = "acme"),
        @Claim(key = "preferred_username", value = "alice"),
        @Claim(key = "name", value = "Alice Agent"),
        @Claim(key = "email", value = "alice@acme.test")
      })
  void answersTheCallerFromTheirToken() {
    given()
        .when()
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("alice"))
        .body("name", equalTo("Alice Agent"))
        .body("email", equalTo("alice@acme.test"))
        .body("workspace", equalTo("acme"))
        .body("roles", contains("agent"));
  }

  @Test
  @TestSecurity(
      user = "sam",
      roles = {"sales", "admin"})
  @OidcSecurity(claims = @Claim(key = "workspace", value = "globex"))
  void listsEveryRealmRole() {
    given()
        .when()
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("sam"))
        .body("workspace", equalTo("globex"))
        .body("roles", contains("admin", "sales"));
  }

  @Test
  void refusesAnAnonymousCaller() {
    given().when().get("/api/me").then().statusCode(401);
  }

  @Test
  @TestSecurity(user = "bob", roles = "agent")
  @OidcSecurity
  void refusesATokenWithoutWorkspaceAsProblem() {
    given()
        .accept(ContentType.JSON)
        .when()
        .get("/api/me")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:workspace-required"))
        .body("title", equalTo("No workspace"))
        .body("status", equalTo(403))
        .body("detail", notNullValue());
  }

  @Test
  @TestSecurity(user = "eve", roles = "visitor")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void refusesACallerWithoutAnAgentRoleAsProblem() {
    given()
        .when()
        .get("/api/me")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:forbidden"))
        .body("status", equalTo(403));
  }
}
