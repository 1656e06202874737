package io.tutti.connectors.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.connectors.testing.Twilio;
import io.tutti.events.testing.ScrapedMetrics;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each webhook delivery shows in {@code /q/metrics} as accepted or as rejected with why, under its
 * channel: what the Intake row of the dashboard plots.
 */
@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class WebhookMetricsTest {

  private static final String ACCEPTED = "tutti_webhooks_accepted_total";
  private static final String REJECTED = "tutti_webhooks_rejected_total";

  @Test
  void acceptedDeliveryIsCountedUnderItsChannel() {
    String page = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.messenger(page);
    double messenger = accepted("messenger");
    double instagram = accepted("instagram");
    byte[] body = messengerMessage(page);

    post(inbox, body, Inboxes.metaSignature(body)).then().statusCode(200);

    assertThat(accepted("messenger")).isEqualTo(messenger + 1);
    assertThat(accepted("instagram")).isEqualTo(instagram);
  }

  @Test
  void everyWebhookChannelIsListedBeforeItsFirstDelivery() {
    String metrics = given().when().get("/q/metrics").then().extract().asString();

    for (String channel :
        new String[] {"messenger", "instagram", "whatsapp", "sms", "telegram", "email"}) {
      assertThat(metrics).contains(ACCEPTED + "{channel=\"" + channel + "\"");
    }
  }

  @Test
  void badSignatureIsCountedAsRejectedNotAccepted() {
    String page = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.messenger(page);
    double rejected = rejected("messenger", "bad-signature");
    double accepted = accepted("messenger");
    byte[] body = messengerMessage(page);

    post(inbox, body, "sha256=" + "0".repeat(64)).then().statusCode(401);
    post(inbox, body, null).then().statusCode(401);

    assertThat(rejected("messenger", "bad-signature")).isEqualTo(rejected + 2);
    assertThat(accepted("messenger")).isEqualTo(accepted);
  }

  @Test
  void deliveryForAnInboxThatIsNotThereIsCountedAsUnknownInbox() {
    double rejected = rejected("whatsapp", "unknown-inbox");

    given()
        .contentType("application/json")
        .body("{}")
        .when()
        .post("/webhooks/whatsapp/" + UUID.randomUUID())
        .then()
        .statusCode(404);

    assertThat(rejected("whatsapp", "unknown-inbox")).isEqualTo(rejected + 1);
  }

  @Test
  void unreadableBodyIsCountedAsMalformed() {
    String page = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.messenger(page);
    double rejected = rejected("messenger", "malformed-body");
    byte[] body = "{\"object\":\"page\",\"entry\":[".getBytes(StandardCharsets.UTF_8);

    post(inbox, body, Inboxes.metaSignature(body)).then().statusCode(400);

    assertThat(rejected("messenger", "malformed-body")).isEqualTo(rejected + 1);
  }

  @Test
  void wrongContentTypeIsCountedAlthoughItIsRefusedBeforeTheInboxIsLookedUp() {
    double rejected = rejected("messenger", "unsupported-media-type");

    given()
        .contentType("text/plain")
        .body("hello")
        .when()
        .post("/webhooks/messenger/" + UUID.randomUUID())
        .then()
        .statusCode(415);

    assertThat(rejected("messenger", "unsupported-media-type")).isEqualTo(rejected + 1);
  }

  @Test
  void otherChannelsCountTheirOwnRefusals() {
    JsonPath telegram = Inboxes.telegram();
    JsonPath sms = Inboxes.sms("+1555" + Inboxes.uniqueId().substring(0, 7));
    double telegramRejected = rejected("telegram", "bad-signature");
    double smsRejected = rejected("sms", "bad-signature");
    double smsAccepted = accepted("sms");

    given()
        .contentType("application/json")
        .header("X-Telegram-Bot-Api-Secret-Token", "wrong")
        .body("{\"update_id\":1}")
        .when()
        .post(Inboxes.webhookPath(telegram))
        .then()
        .statusCode(401);
    byte[] form =
        ("MessageSid=SM"
                + UUID.randomUUID().toString().replace("-", "")
                + "&From=%2B15555550199&Body=hi")
            .getBytes(StandardCharsets.UTF_8);
    given()
        .config(Twilio.RAW_FORM)
        .contentType("application/x-www-form-urlencoded")
        .body(form)
        .when()
        .post(Inboxes.webhookPath(sms))
        .then()
        .statusCode(401);
    given()
        .config(Twilio.RAW_FORM)
        .contentType("application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", Twilio.signature(sms.getString("webhookUrl"), form))
        .body(form)
        .when()
        .post(Inboxes.webhookPath(sms))
        .then()
        .statusCode(200);

    assertThat(rejected("telegram", "bad-signature")).isEqualTo(telegramRejected + 1);
    assertThat(rejected("sms", "bad-signature")).isEqualTo(smsRejected + 1);
    assertThat(accepted("sms")).isEqualTo(smsAccepted + 1);
  }

  private static Response post(JsonPath inbox, byte[] body, String signature) {
    var request = given().contentType("application/json").body(body);
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    return request.when().post(Inboxes.webhookPath(inbox));
  }

  private static byte[] messengerMessage(String pageId) {
    return ("{\"object\":\"page\",\"entry\":[{\"id\":\""
            + pageId
            + "\",\"messaging\":[{\"sender\":{\"id\":\"u\"},\"recipient\":{\"id\":\""
            + pageId
            + "\"},\"timestamp\":1700000000000,\"message\":{\"mid\":\"m-"
            + UUID.randomUUID()
            + "\",\"text\":\"hi\"}}]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static double accepted(String channel) {
    return ScrapedMetrics.value(ACCEPTED, "channel", channel);
  }

  private static double rejected(String channel, String reason) {
    return ScrapedMetrics.value(REJECTED, "channel", channel, "reason", reason);
  }
}
