package io.tutti.tests.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Where the running system answers, and tokens for its demo users. */
final class RunningSystem {

  static final String GATEWAY_URL = env("TUTTI_GATEWAY_URL", "http://127.0.0.1:8080");
  static final String OIDC_URL = env("TUTTI_OIDC_URL", "http://127.0.0.1:8180/realms/tutti");
  static final String DEMO_PASSWORD = "demo";
  private static final Map<String, IssuedToken> TOKENS = new ConcurrentHashMap<>();

  private RunningSystem() {}

  /** A GET through the gateway as the token's user that must answer 200; its JSON. */
  static JsonPath get(String token, String path) {
    return given()
        .auth()
        .oauth2(token)
        .get(GATEWAY_URL + path)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /**
   * A token of the user that is good for a few minutes more: fetched once and again only when older
   * than two minutes (Keycloak's live five), for tests that make many calls as one user.
   */
  static String tokenFor(String username) {
    Instant now = Instant.now();
    IssuedToken held = TOKENS.get(username);
    if (held == null || held.issuedAt().isBefore(now.minus(Duration.ofMinutes(2)))) {
      held = new IssuedToken(accessTokenFor(username), now);
      TOKENS.put(username, held);
    }
    return held.token();
  }

  private record IssuedToken(String token, Instant issuedAt) {}

  static String accessTokenFor(String username) {
    Response response = requestToken(username, DEMO_PASSWORD);
    assertThat(response.statusCode())
        .as("Keycloak token response for %s: %s", username, response.asString())
        .isEqualTo(200);
    return response.jsonPath().getString("access_token");
  }

  /** The password grant of the public client {@code tutti-cli}, meant for scripts and tests. */
  static Response requestToken(String username, String password) {
    return given()
        .formParam("grant_type", "password")
        .formParam("client_id", "tutti-cli")
        .formParam("username", username)
        .formParam("password", password)
        .when()
        .post(OIDC_URL + "/protocol/openid-connect/token");
  }

  /** The claims of a JWT, read without checking its signature (the gateway is what checks it). */
  static JsonPath claimsOf(String jwt) {
    String payload = jwt.split("\\.")[1];
    return JsonPath.from(
        new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  /** Creates an inbox in acme as its admin ada, through the gateway, and answers its view. */
  static JsonPath connectInbox(Map<String, Object> fields) {
    return given()
        .auth()
        .oauth2(accessTokenFor("ada"))
        .contentType(ContentType.JSON)
        .body(fields)
        .when()
        .post(GATEWAY_URL + "/api/inboxes")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** The first page of the caller's queue in one view ({@code all}, {@code mine}…) of one inbox. */
  static JsonPath queue(String token, String view, String inboxId) {
    return given()
        .auth()
        .oauth2(token)
        .queryParam("view", view)
        .queryParam("inbox", inboxId)
        .when()
        .get(GATEWAY_URL + "/api/conversations")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The inbox's queue (view all) once it shows what {@code shows} asks, within 30 seconds. */
  static JsonPath awaitQueue(String token, String inboxId, Predicate<JsonPath> shows) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> queue(token, "all", inboxId), shows::test);
  }

  /** A customer's Instagram DM as Meta posts it to the webhook, sent now. */
  static String instagramDm(String account, String igsid, String mid, String text) {
    long now = System.currentTimeMillis();
    return "{\"object\":\"instagram\",\"entry\":[{\"time\":"
        + now
        + ",\"id\":\""
        + account
        + "\",\"messaging\":[{\"sender\":{\"id\":\""
        + igsid
        + "\"},\"recipient\":{\"id\":\""
        + account
        + "\"},\"timestamp\":"
        + now
        + ",\"message\":{\"mid\":\""
        + mid
        + "\",\"text\":\""
        + text
        + "\"}}]}]}";
  }

  /** Posts a Meta webhook (Messenger, Instagram, WhatsApp) to the inbox, signed as Meta signs. */
  static void postMetaWebhook(JsonPath inbox, String appSecret, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    given()
        .contentType("application/json")
        .header("X-Hub-Signature-256", metaSignature(appSecret, body))
        .body(body)
        .when()
        .post(inbox.getString("webhookUrl"))
        .then()
        .statusCode(200);
  }

  /** {@code sha256=<hex>} of the body under the app secret, as Meta signs its webhooks. */
  static String metaSignature(String appSecret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
