package io.tutti.tests.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Signing in against the running system: the demo users of the {@code tutti} realm get tokens from
 * Keycloak that carry their workspace and roles, and the gateway accepts only tokens Keycloak
 * signed. Needs {@code ./tutti up} (or {@code ./tutti test}, which runs it).
 */
class SignInIT {

  private static final String GATEWAY_URL = RunningSystem.GATEWAY_URL;

  @Test
  void aliceTokenCarriesWorkspaceAcmeAndAgentRole() {
    JsonPath claims = RunningSystem.claimsOf(RunningSystem.accessTokenFor("alice"));

    assertThat(claims.getString("workspace")).isEqualTo("acme");
    assertThat(claims.getList("realm_access.roles", String.class)).contains("agent");
    assertThat(claims.getString("preferred_username")).isEqualTo("alice");
  }

  @Test
  void adminRoleIncludesSalesAndAgent() {
    JsonPath claims = RunningSystem.claimsOf(RunningSystem.accessTokenFor("ada"));

    assertThat(claims.getList("realm_access.roles", String.class))
        .contains("admin", "sales", "agent");
  }

  @Test
  void wrongPasswordIsRefusedByKeycloak() {
    Response response = RunningSystem.requestToken("alice", "not-her-password");

    assertThat(response.statusCode()).isIn(400, 401);
    assertThat(response.jsonPath().getString("access_token")).isNull();
  }

  @Test
  void meWithoutTokenIsUnauthorized() {
    given()
        .redirects()
        .follow(false)
        .accept(ContentType.JSON)
        .when()
        .get(GATEWAY_URL + "/api/me")
        .then()
        .statusCode(401);
  }

  @Test
  void meWithGarbageTokenIsUnauthorized() {
    given()
        .redirects()
        .follow(false)
        .accept(ContentType.JSON)
        .auth()
        .oauth2("not-a-token")
        .when()
        .get(GATEWAY_URL + "/api/me")
        .then()
        .statusCode(401);
  }

  @Test
  void meWithTamperedWorkspaceClaimIsUnauthorized() {
    String[] parts = RunningSystem.accessTokenFor("alice").split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                payload
                    .replace("\"workspace\":\"acme\"", "\"workspace\":\"globex\"")
                    .getBytes(StandardCharsets.UTF_8));
    assertThat(forged).isNotEqualTo(parts[1]);

    given()
        .redirects()
        .follow(false)
        .accept(ContentType.JSON)
        .auth()
        .oauth2(parts[0] + "." + forged + "." + parts[2])
        .when()
        .get(GATEWAY_URL + "/api/me")
        .then()
        .statusCode(401);
  }

  @Test
  void meShowsAliceInWorkspaceAcme() {
    given()
        .accept(ContentType.JSON)
        .auth()
        .oauth2(RunningSystem.accessTokenFor("alice"))
        .when()
        .get(GATEWAY_URL + "/api/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("alice"))
        .body("workspace", equalTo("acme"))
        .body("email", equalTo("alice@acme.example"))
        .body("roles", hasItem("agent"));
  }

  @Test
  void meShowsBobInWorkspaceGlobex() {
    given()
        .accept(ContentType.JSON)
        .auth()
        .oauth2(RunningSystem.accessTokenFor("bob"))
        .when()
        .get(GATEWAY_URL + "/api/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("bob"))
        .body("workspace", equalTo("globex"))
        .body("roles", hasItem("admin"));
  }
}
