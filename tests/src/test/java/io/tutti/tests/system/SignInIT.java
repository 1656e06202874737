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

  private static final String GATEWAY_URL = env("TUTTI_GATEWAY_URL", "http://127.0.0.1:8080");
  private static final String OIDC_URL =
      env("TUTTI_OIDC_URL", "http://127.0.0.1:8180/realms/tutti");
  private static final String DEMO_PASSWORD = "demo";

  @Test
  void aliceTokenCarriesWorkspaceAcmeAndAgentRole() {
    JsonPath claims = claimsOf(accessTokenFor("alice", DEMO_PASSWORD));

    assertThat(claims.getString("workspace")).isEqualTo("acme");
    assertThat(claims.getList("realm_access.roles", String.class)).contains("agent");
    assertThat(claims.getString("preferred_username")).isEqualTo("alice");
  }

  @Test
  void adminRoleIncludesSalesAndAgent() {
    JsonPath claims = claimsOf(accessTokenFor("ada", DEMO_PASSWORD));

    assertThat(claims.getList("realm_access.roles", String.class))
        .contains("admin", "sales", "agent");
  }

  @Test
  void wrongPasswordIsRefusedByKeycloak() {
    Response response = requestToken("alice", "not-her-password");

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
    String[] parts = accessTokenFor("alice", DEMO_PASSWORD).split("\\.");
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
        .oauth2(accessTokenFor("alice", DEMO_PASSWORD))
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
        .oauth2(accessTokenFor("bob", DEMO_PASSWORD))
        .when()
        .get(GATEWAY_URL + "/api/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("bob"))
        .body("workspace", equalTo("globex"))
        .body("roles", hasItem("admin"));
  }

  private static String accessTokenFor(String username, String password) {
    Response response = requestToken(username, password);
    assertThat(response.statusCode())
        .as("Keycloak token response for %s: %s", username, response.asString())
        .isEqualTo(200);
    return response.jsonPath().getString("access_token");
  }

  /** The password grant of the public client {@code tutti-cli}, meant for scripts and tests. */
  private static Response requestToken(String username, String password) {
    return given()
        .formParam("grant_type", "password")
        .formParam("client_id", "tutti-cli")
        .formParam("username", username)
        .formParam("password", password)
        .when()
        .post(OIDC_URL + "/protocol/openid-connect/token");
  }

  /** The claims of a JWT, read without checking its signature (the gateway is what checks it). */
  private static JsonPath claimsOf(String jwt) {
    String payload = jwt.split("\\.")[1];
    return JsonPath.from(
        new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
