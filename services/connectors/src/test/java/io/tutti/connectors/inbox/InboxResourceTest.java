package io.tutti.connectors.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Deliveries;
import io.tutti.connectors.testing.Fixtures;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.web.crypto.SecretBox;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectorsTest
class InboxResourceTest {

  @Test
  @TestSecurity(user = "ada", roles = "admin")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void messengerInboxShowsWebhookUrlAndVerifyTokenButNoSecret() {
    String body =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name", "Acme on Facebook",
                    "channel", "messenger",
                    "pageId", "510249619162304",
                    "accessToken", "EAAG-super-secret-page-token",
                    "appSecret", "app-secret-never-shown"))
            .when()
            .post("/api/inboxes")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/inboxes/"))
            .body("id", notNullValue())
            .body("channel", equalTo("messenger"))
            .body("pageId", equalTo("510249619162304"))
            .body("webhookUrl", startsWith("http://127.0.0.1:8080/webhooks/messenger/"))
            .body("verifyToken", notNullValue())
            .body("credentialsSet", hasItem("accessToken"))
            .body("credentialsSet", hasItem("appSecret"))
            .extract()
            .asString();
    assertThat(body).doesNotContain("EAAG-super-secret-page-token", "app-secret-never-shown");
    String id = JsonPath.from(body).getString("id");
    assertThat(JsonPath.from(body).getString("webhookUrl"))
        .isEqualTo("http://127.0.0.1:8080/webhooks/messenger/" + id);
  }

  @Test
  @TestSecurity(user = "ada", roles = "admin")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void credentialsAreSealedAtRest() throws Exception {
    String id = Inboxes.sms("+14155550100").getString("id");
    try (Connection db = Deliveries.connect();
        PreparedStatement query =
            db.prepareStatement("select settings, secrets from inbox where id = ?")) {
      query.setObject(1, UUID.fromString(id));
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString("settings")).contains("+14155550100");
        assertThat(new String(row.getBytes("secrets"), StandardCharsets.ISO_8859_1))
            .doesNotContain(Inboxes.TWILIO_AUTH_TOKEN);
        assertThat(row.getString("settings")).doesNotContain(Inboxes.TWILIO_AUTH_TOKEN);
      }
    }
  }

  @Test
  @TestSecurity(user = "ada", roles = "admin")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void credentialsSealedWithAnotherKeyAreReportedAndCanBeEnteredAgain() throws Exception {
    String id = Inboxes.telegram().getString("id");
    byte[] foreign = new byte[1 + 4 + 12 + 32];
    foreign[0] = 1;
    foreign[1] = 42;
    try (Connection db = Deliveries.connect();
        PreparedStatement update =
            db.prepareStatement("update inbox set secrets = ? where id = ?")) {
      update.setBytes(1, foreign);
      update.setObject(2, UUID.fromString(id));
      update.executeUpdate();
    }
    byte[] update = Fixtures.bytes("telegram/text_message_update.json");
    // A new inbox view, and the webhook, read the row again (no cached copy of the old one).
    directory.evict(UUID.fromString(id));

    given()
        .when()
        .get("/api/inboxes/" + id)
        .then()
        .statusCode(200)
        .body("credentialsUnreadable", equalTo(true));
    postTelegram(id, update)
        .statusCode(503)
        .body("type", equalTo("urn:tutti:problem:credentials-unreadable"));

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Telegram bot", "channel", "telegram"))
        .when()
        .put("/api/inboxes/" + id)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("botToken"));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name", "Telegram bot",
                "channel", "telegram",
                "botToken", "123456789:AAH-test-bot-token-abcdefghijklmnop",
                "secretToken", Inboxes.TELEGRAM_SECRET))
        .when()
        .put("/api/inboxes/" + id)
        .then()
        .statusCode(200)
        .body("credentialsUnreadable", equalTo(null));
    postTelegram(id, update).statusCode(200);
  }

  @Test
  @TestSecurity(user = "ada", roles = "admin")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void givenVerifyTokenIsKeptAndWebInboxGetsSiteKey() {
    JsonPath whatsapp =
        Inboxes.create(
            Map.of(
                "name", "WA",
                "channel", "whatsapp",
                "phoneNumberId", "1122334455667",
                "accessToken", "t",
                "appSecret", "s",
                "verifyToken", "my-own-token"));
    assertThat(whatsapp.getString("verifyToken")).isEqualTo("my-own-token");
    JsonPath web = Inboxes.create(Map.of("name", "Website", "channel", "web"));
    assertThat(web.getString("siteKey")).startsWith("site_");
    assertThat(web.getString("webhookUrl")).isNull();
    assertThat(web.getString("widgetUrl")).isEqualTo("http://127.0.0.1:8080/widget.js");
  }

  @Test
  @TestSecurity(user = "ada", roles = "admin")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void updateKeepsCredentialsLeftOutAndReplacesThoseGiven() {
    String id = Inboxes.telegram().getString("id");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Renamed bot", "channel", "telegram"))
        .when()
        .put("/api/inboxes/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Renamed bot"))
        .body("credentialsSet", hasItem("botToken"))
        .body("credentialsSet", hasItem("secretToken"));
    given()
        .when()
        .get("/api/inboxes/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Renamed bot"))
        .body("webhookUrl", equalTo("http://127.0.0.1:8080/webhooks/telegram/" + id));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x", "channel", "sms"))
        .when()
        .put("/api/inboxes/" + id)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("channel"));
  }

  @Test
  @TestSecurity(user = "ada", roles = "admin")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void missingCredentialsAreNamedInAProblem() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Bad SMS", "channel", "sms", "phoneNumber", "0155 1234"))
        .when()
        .post("/api/inboxes")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:validation"))
        .body("errors.field", hasItem("accountSid"))
        .body("errors.field", hasItem("authToken"))
        .body("errors.field", hasItem("phoneNumber"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Fax", "channel", "fax"))
        .when()
        .post("/api/inboxes")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("channel"));
    Map<String, Object> noName = new HashMap<>();
    noName.put("channel", "web");
    given()
        .contentType(ContentType.JSON)
        .body(noName)
        .when()
        .post("/api/inboxes")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("name"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\": \"x\", \"channel\": ")
        .when()
        .post("/api/inboxes")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  @TestSecurity(user = "ada", roles = "admin")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void listShowsOnlyTheCallersWorkspace() {
    String id = Inboxes.telegram().getString("id");
    given()
        .when()
        .get("/api/inboxes")
        .then()
        .statusCode(200)
        .body("id", hasItem(id))
        .body("name", hasItem("Telegram bot"));
  }

  @Test
  @TestSecurity(user = "bob", roles = "admin")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "globex"))
  void anotherWorkspacesAdminGetsNotFound() {
    String foreign = acmeInboxId();
    given().when().get("/api/inboxes/" + foreign).then().statusCode(404);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Taken over", "channel", "web"))
        .when()
        .put("/api/inboxes/" + foreign)
        .then()
        .statusCode(404);
    given().when().get("/api/inboxes").then().statusCode(200).body("id", not(hasItem(foreign)));
    given().when().get("/api/inboxes/not-a-uuid").then().statusCode(404);
  }

  @Test
  @TestSecurity(user = "alice", roles = "agent")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void agentsCannotManageInboxes() {
    given()
        .when()
        .get("/api/inboxes")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x", "channel", "web"))
        .when()
        .post("/api/inboxes")
        .then()
        .statusCode(403);
  }

  @Test
  void anonymousCallersAreUnauthorized() {
    given().when().get("/api/inboxes").then().statusCode(401);
  }

  @Test
  @TestSecurity(user = "nobody", roles = "admin")
  void aTokenWithoutWorkspaceIsRefused() {
    given()
        .when()
        .get("/api/inboxes")
        .then()
        .statusCode(403)
        .body("type", equalTo("urn:tutti:problem:workspace-required"));
  }

  @Inject SecretBox secretBox;
  @Inject InboxDirectory directory;

  private static io.restassured.response.ValidatableResponse postTelegram(
      String id, byte[] update) {
    return given()
        .contentType("application/json")
        .header("X-Telegram-Bot-Api-Secret-Token", Inboxes.TELEGRAM_SECRET)
        .body(update)
        .when()
        .post("/webhooks/telegram/" + id)
        .then();
  }

  /** An inbox of the acme workspace, made directly so the globex test need not switch identity. */
  private String acmeInboxId() {
    try (Connection db = Deliveries.connect();
        PreparedStatement insert =
            db.prepareStatement(
                "insert into inbox (id, workspace_id, name, channel, settings, secrets,"
                    + " created_at, updated_at) values (?, 'acme', 'Acme web', 'web', '{}', ?,"
                    + " now(), now())")) {
      UUID id = UUID.randomUUID();
      insert.setObject(1, id);
      insert.setBytes(2, secretBox.seal("{}".getBytes(StandardCharsets.UTF_8), id.toString()));
      insert.executeUpdate();
      return id.toString();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
